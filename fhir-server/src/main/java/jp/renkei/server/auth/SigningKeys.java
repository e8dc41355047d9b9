package jp.renkei.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's token signing keys: RS256 key pairs kept as one JWK file per key
 * ({@code <kid>.jwk.json}, owner-only permissions) in the key directory, generated on first start.
 *
 * <p>The newest key signs. {@link #rotate()} makes a new key active; the previous ones stay
 * published in the JWKS so tokens they signed still verify, and are deleted once the longest
 * access-token lifetime has passed since they stopped signing. A key's creation time is its JWK
 * {@code iat}, so the files alone carry all the state (no index to keep in sync).
 */
public class SigningKeys {

	private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
	private static final String SUFFIX = ".jwk.json";

	private final Path directory;
	private final Duration retiredKeyLifetime;
	private final Clock clock;
	/** Newest first; replaced as a whole so readers never see a half-rotated list. */
	private volatile List<RSAKey> keys;

	/**
	 * @param directory where the JWK files live (created if missing)
	 * @param retiredKeyLifetime how long a key stays published after a newer key took over: the longest token lifetime
	 * @param clock the time source
	 */
	public SigningKeys(Path directory, Duration retiredKeyLifetime, Clock clock) {
		this.directory = directory;
		this.retiredKeyLifetime = retiredKeyLifetime;
		this.clock = clock;
		createDirectory();
		List<RSAKey> loaded = load();
		this.keys = loaded;
		if (loaded.isEmpty()) {
			rotate();
		} else {
			prune();
		}
	}

	/** The key that signs new tokens. */
	public RSAKey activeKey() {
		return keys.get(0);
	}

	public JWSAlgorithm algorithm() {
		return JWSAlgorithm.RS256;
	}

	/** The public keys to publish: the active key and the retired ones whose tokens may still be valid. */
	public JWKSet publicKeys() {
		return new JWKSet(keys.stream().map(key -> (com.nimbusds.jose.jwk.JWK) key.toPublicJWK()).toList());
	}

	/** Makes a new key active, keeps the previous ones published, and deletes those no longer needed. */
	public synchronized RSAKey rotate() {
		RSAKey key = generate();
		write(key);
		List<RSAKey> updated = new ArrayList<>(keys == null ? List.of() : keys);
		updated.add(0, key);
		keys = List.copyOf(updated);
		prune();
		LOG.info("Token signing key {} is now active", key.getKeyID());
		return key;
	}

	private synchronized void prune() {
		Instant now = clock.instant();
		List<RSAKey> kept = new ArrayList<>();
		kept.add(keys.get(0));
		for (int i = 1; i < keys.size(); i++) {
			// A key stopped signing when the next newer key was created.
			Instant retiredAt = keys.get(i - 1).getIssueTime().toInstant();
			if (now.isBefore(retiredAt.plus(retiredKeyLifetime))) {
				kept.add(keys.get(i));
			} else {
				delete(keys.get(i));
			}
		}
		keys = List.copyOf(kept);
	}

	private RSAKey generate() {
		try {
			return new RSAKeyGenerator(2048)
					.keyID(UUID.randomUUID().toString())
					.keyUse(KeyUse.SIGNATURE)
					.algorithm(algorithm())
					.issueTime(Date.from(clock.instant()))
					.generate();
		} catch (JOSEException e) {
			throw new IllegalStateException("Cannot generate an RSA signing key", e);
		}
	}

	private List<RSAKey> load() {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter(file -> file.getFileName().toString().endsWith(SUFFIX))
					.map(SigningKeys::read)
					.sorted(Comparator.comparing((RSAKey key) -> key.getIssueTime()).reversed())
					.toList();
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot list the signing keys in " + directory, e);
		}
	}

	private static RSAKey read(Path file) {
		try {
			RSAKey key = RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
			if (!key.isPrivate() || key.getKeyID() == null || key.getIssueTime() == null) {
				throw new IllegalStateException(file + " is not a signing key written by this server (private RSA JWK with kid and iat)");
			}
			return key;
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read the signing key " + file, e);
		} catch (ParseException e) {
			throw new IllegalStateException(file + " is not a JWK", e);
		}
	}

	private void write(RSAKey key) {
		Path file = file(key);
		try {
			// Written to an owner-only temporary file first, so the private key is never readable by others, even briefly.
			Path temporary = Files.createTempFile(directory, ".new-", ".tmp");
			restrictToOwner(temporary, "rw-------");
			Files.writeString(temporary, key.toJSONString(), StandardCharsets.UTF_8);
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot write the signing key " + file, e);
		}
	}

	private void delete(RSAKey key) {
		try {
			Files.deleteIfExists(file(key));
			LOG.info("Retired token signing key {} deleted: every token it signed has expired", key.getKeyID());
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot delete the signing key " + file(key), e);
		}
	}

	private Path file(RSAKey key) {
		return directory.resolve(key.getKeyID() + SUFFIX);
	}

	private void createDirectory() {
		try {
			Files.createDirectories(directory);
			restrictToOwner(directory, "rwx------");
		} catch (FileAlreadyExistsException e) {
			throw new IllegalStateException(directory + " exists and is not a directory", e);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot create the key directory " + directory, e);
		}
	}

	private static void restrictToOwner(Path path, String permissions) throws IOException {
		if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
		}
	}
}
