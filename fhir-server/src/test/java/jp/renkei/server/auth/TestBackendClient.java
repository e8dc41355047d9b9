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
 * The test-only backend clients declared in src/test/resources/config/application.yaml:
 * {@code test-backend} and {@code test-suite} (the client every integration test calls /fhir with),
 * which share these private keys (they protect nothing), and a builder for their client assertions.
 */
public final class TestBackendClient {

	public static final String CLIENT_ID = "test-backend";
	/** The client the integration tests get their system token with ({@code system/*.cruds}). */
	public static final String SUITE_CLIENT_ID = "test-suite";
	static final String RSA_KID = "test-backend-rsa";
	static final String EC_KID = "test-backend-ec";
	public static final String RESOURCE_SERVER_ID = "test-resource-server";
	public static final String RESOURCE_SERVER_SECRET = "test-only-secret-for-introspection";

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
		return claims(audience, CLIENT_ID);
	}

	/** Claims of a valid assertion of {@code clientId} for {@code audience}, expiring in one minute. */
	public static JWTClaimsSet.Builder claims(String audience, String clientId) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder()
				.issuer(clientId)
				.subject(clientId)
				.audience(audience)
				.expirationTime(Date.from(now.plus(Duration.ofMinutes(1))))
				.issueTime(Date.from(now))
				.jwtID(UUID.randomUUID().toString());
	}

	public static String signRs384(JWTClaimsSet claims) {
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
