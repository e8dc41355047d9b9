package jp.renkei.apps.smart;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The apps as a SMART Backend Services client: the client assertion they send verifies against the
 * JWK Set they publish over HTTP, the way the FHIR server's authorization server checks it, and
 * carries the claims SMART Backend Services requires. The private key is kept owner-only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AppJwksAndAssertionIT {

	private static final String TOKEN_ENDPOINT = "http://localhost:8080/auth/token";

	@LocalServerPort
	int port;

	@Autowired
	BackendServicesTokenSource tokens;

	@Autowired
	AppSigningKey key;

	@Test
	void theAssertionVerifiesAgainstThePublishedJwks() throws Exception {
		HttpResponse<String> published = HttpClient.newHttpClient().send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/.well-known/jwks.json")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(published.statusCode()).isEqualTo(200);
		JWKSet jwks = JWKSet.parse(published.body());
		assertThat(jwks.getKeys()).hasSize(1).allSatisfy(jwk -> assertThat(jwk.isPrivate()).isFalse());

		String assertion = tokens.clientAssertion(TOKEN_ENDPOINT);

		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(AppSigningKey.ALGORITHM, new ImmutableJWKSet<>(jwks)));
		processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(TOKEN_ENDPOINT,
				new JWTClaimsSet.Builder().issuer("renkei-apps").subject("renkei-apps").build(), Set.of("exp", "jti")));
		JWTClaimsSet claims = processor.process(assertion, null);

		assertThat(claims.getExpirationTime().toInstant()).isBefore(Instant.now().plus(Duration.ofMinutes(5).plusSeconds(5)));
		assertThat(SignedJWT.parse(assertion).getHeader().getKeyID()).isEqualTo(jwks.getKeys().get(0).getKeyID());
		assertThat(tokens.clientAssertion(TOKEN_ENDPOINT)).isNotEqualTo(assertion);
		assertThat(SignedJWT.parse(tokens.clientAssertion(TOKEN_ENDPOINT)).getJWTClaimsSet().getJWTID()).isNotEqualTo(claims.getJWTID());
	}

	@Test
	void thePrivateKeyIsOwnerOnly() throws Exception {
		assertThat(Files.getPosixFilePermissions(key.file()))
				.containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
	}
}
