package jp.renkei.apps.smart;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The apps' own RSA key pair for client assertions ({@code private_key_jwt}): read from
 * {@code <key-directory>/renkei-apps.jwk.json}, generated there on first start with owner-only
 * permissions. Never in version control; back the folder up or let it be regenerated (the FHIR server
 * fetches the new public key from the JWKS URL).
 */
@Component
public class AppSigningKey {

	static final JWSAlgorithm ALGORITHM = JWSAlgorithm.RS384;
	private static final Logger LOG = LoggerFactory.getLogger(AppSigningKey.class);
	private static final String FILE = "renkei-apps.jwk.json";

	private final RSAKey key;
	private final Path file;

	public AppSigningKey(BackendServicesProperties properties) {
		this.file = properties.keyDirectory().resolve(FILE);
		this.key = Files.exists(file) ? read(file) : generate(properties.keyDirectory(), file);
	}

	/** The public key as a JWK Set, for {@code /.well-known/jwks.json}. */
	public JWKSet publicJwks() {
		return new JWKSet(key.toPublicJWK());
	}

	/** Where the private key is kept. */
	public Path file() {
		return file;
	}

	/** Signs {@code claims} as a client assertion (RS384, with the key id in the header). */
	public String sign(JWTClaimsSet claims) {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(ALGORITHM).keyID(key.getKeyID()).build(), claims);
		try {
			jwt.sign(new RSASSASigner(key));
		} catch (JOSEException e) {
			throw new IllegalStateException("Cannot sign a client assertion", e);
		}
		return jwt.serialize();
	}

	private static RSAKey read(Path file) {
		try {
			RSAKey key = RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
			if (!key.isPrivate()) {
				throw new IllegalStateException(file + " holds no private key");
			}
			return key;
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read the apps' signing key " + file, e);
		} catch (ParseException e) {
			throw new IllegalStateException(file + " is not a JWK", e);
		}
	}

	private static RSAKey generate(Path directory, Path file) {
		try {
			RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
					.algorithm(ALGORITHM).generate();
			Files.createDirectories(directory);
			restrictToOwner(directory, "rwx------");
			// Written owner-only first, then moved into place: the private key is never readable by others.
			Path temporary = Files.createTempFile(directory, ".new-", ".tmp");
			restrictToOwner(temporary, "rw-------");
			Files.writeString(temporary, key.toJSONString(), StandardCharsets.UTF_8);
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
			LOG.info("Generated the apps' signing key {} in {}", key.getKeyID(), file);
			return key;
		} catch (JOSEException e) {
			throw new IllegalStateException("Cannot generate an RSA key", e);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot write the apps' signing key to " + file, e);
		}
	}

	private static void restrictToOwner(Path path, String permissions) throws IOException {
		if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
		}
	}
}
