package jp.renkei.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * The test-only backend client {@code test-backend} declared in src/test/resources/config/application.yaml:
 * its private keys (which protect nothing) and a builder for its client assertions.
 */
final class TestBackendClient {

	static final String CLIENT_ID = "test-backend";
	static final String RSA_KID = "test-backend-rsa";
	static final String EC_KID = "test-backend-ec";
	static final String RESOURCE_SERVER_ID = "test-resource-server";
	static final String RESOURCE_SERVER_SECRET = "test-only-secret-for-introspection";

	private static final JWKSet PRIVATE_KEYS = load();

	private TestBackendClient() {}

	static RSAKey rsaKey() {
		return (RSAKey) PRIVATE_KEYS.getKeyByKeyId(RSA_KID);
	}

	static ECKey ecKey() {
		return (ECKey) PRIVATE_KEYS.getKeyByKeyId(EC_KID);
	}

	/** The public JWK Set as registered in configuration. */
	static String publicJwks() {
		return PRIVATE_KEYS.toPublicJWKSet().toString();
	}

	/** Claims of a valid assertion for {@code audience}, expiring in one minute. */
	static JWTClaimsSet.Builder claims(String audience) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder()
				.issuer(CLIENT_ID)
				.subject(CLIENT_ID)
				.audience(audience)
				.expirationTime(Date.from(now.plus(Duration.ofMinutes(1))))
				.issueTime(Date.from(now))
				.jwtID(UUID.randomUUID().toString());
	}

	static String signRs384(JWTClaimsSet claims) {
		return sign(claims, JWSAlgorithm.RS384, RSA_KID, rsaKey());
	}

	static String sign(JWTClaimsSet claims, JWSAlgorithm algorithm, String kid, Object key) {
		try {
			JWSSigner signer = key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(kid).build(), claims);
			jwt.sign(signer);
			return jwt.serialize();
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
	}

	private static JWKSet load() {
		try (InputStream in = TestBackendClient.class.getResourceAsStream("/auth/test-backend-client-private.jwks.json")) {
			return JWKSet.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (ParseException e) {
			throw new IllegalStateException(e);
		}
	}
}
