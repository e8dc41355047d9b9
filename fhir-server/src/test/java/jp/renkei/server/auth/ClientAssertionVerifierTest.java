package jp.renkei.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import jp.renkei.server.auth.AuthProperties.Client;
import jp.renkei.server.auth.AuthProperties.ClientType;
import jp.renkei.server.config.FhirServerProperties;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

class ClientAssertionVerifierTest {

	private static final String TOKEN_ENDPOINT = "https://renkei.example.jp/auth/token";

	private final ClientRegistry registry = new ClientRegistry(List.of(
			new Client(TestBackendClient.CLIENT_ID, ClientType.CONFIDENTIAL_ASYMMETRIC, null, TestBackendClient.publicJwks(),
					null, List.of(), List.of("system/*.rs"), "Organization/1", null, null),
			new Client("symmetric", ClientType.CONFIDENTIAL_SYMMETRIC, ClientSecretHash.hash("x", 1_000), null,
					null, List.of(), List.of("system/*.rs"), null, null, null)));
	private final AuthServerUrls urls = urls("https://renkei.example.jp/fhir");
	private final ClientAssertionVerifier verifier =
			new ClientAssertionVerifier(registry, urls, new ExpiringIdSet(java.time.Clock.systemUTC()), java.time.Clock.systemUTC());

	@Test
	void acceptsAnRs384AssertionAndAnEs384One() {
		assertThat(urls.tokenEndpoint()).isEqualTo(TOKEN_ENDPOINT);
		assertThat(verifier.verify(TestBackendClient.signRs384(TestBackendClient.claims(TOKEN_ENDPOINT).build())).clientId())
				.isEqualTo(TestBackendClient.CLIENT_ID);
		String es384 = TestBackendClient.sign(TestBackendClient.claims(TOKEN_ENDPOINT).build(),
				JWSAlgorithm.ES384, TestBackendClient.EC_KID, TestBackendClient.ecKey());
		assertThat(verifier.verify(es384).clientId()).isEqualTo(TestBackendClient.CLIENT_ID);
	}

	@Test
	void refusesAReplayedJti() {
		String assertion = TestBackendClient.signRs384(TestBackendClient.claims(TOKEN_ENDPOINT).build());
		verifier.verify(assertion);

		assertInvalidClient(() -> verifier.verify(assertion), "already used");
	}

	@Test
	void refusesBadClaims() {
		Instant now = Instant.now();
		assertInvalidClient(() -> verify(claims().expirationTime(Date.from(now.minus(Duration.ofMinutes(2))))), "expired");
		assertInvalidClient(() -> verify(claims().expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))), "5 minutes");
		assertInvalidClient(() -> verify(claims().expirationTime(null)), "no exp");
		assertInvalidClient(() -> verify(claims().audience("https://renkei.example.jp/fhir")), "aud");
		assertInvalidClient(() -> verify(claims().subject("someone-else")), "sub");
		assertInvalidClient(() -> verify(claims().jwtID(null)), "jti");
		assertInvalidClient(() -> verify(claims().issuer("unknown-client").subject("unknown-client")), "unknown client");
		assertInvalidClient(() -> verify(claims().issuer("symmetric").subject("symmetric")), "not registered for private_key_jwt");
	}

	@Test
	void refusesAWrongKeyAnotherKeyAndGarbage() throws Exception {
		// RS384 signature presented under the kid of the client's EC key: the key type does not fit the algorithm.
		String wrongKeyType = TestBackendClient.sign(claims().build(), JWSAlgorithm.RS384, TestBackendClient.EC_KID,
				TestBackendClient.rsaKey());
		assertInvalidClient(() -> verifier.verify(wrongKeyType), "does not verify");

		RSAKey stranger = new RSAKeyGenerator(2048).keyID(TestBackendClient.RSA_KID).generate();
		String otherKey = TestBackendClient.sign(claims().build(), JWSAlgorithm.RS384, TestBackendClient.RSA_KID, stranger);
		assertInvalidClient(() -> verifier.verify(otherKey), "does not verify");

		String rs512 = TestBackendClient.sign(claims().build(), JWSAlgorithm.RS512, TestBackendClient.RSA_KID,
				TestBackendClient.rsaKey());
		assertInvalidClient(() -> verifier.verify(rs512), "does not verify");

		assertInvalidClient(() -> verifier.verify("not.a.jwt"), "not a signed JWT");
		assertInvalidClient(() -> verifier.verify("eyJhbGciOiJub25lIn0.eyJpc3MiOiJ0ZXN0LWJhY2tlbmQifQ."), "not a signed JWT");
	}

	@Test
	void aRegistrationWithAPrivateKeyIsRefusedAtStart() {
		String privateJwks = "{\"keys\":[" + TestBackendClient.rsaKey().toJSONString() + "]}";
		assertThatThrownBy(() -> new ClientRegistry(List.of(new Client("leaky", ClientType.CONFIDENTIAL_ASYMMETRIC, null,
				privateJwks, null, List.of(), List.of(), null, null, null))))
				.hasMessageContaining("private key");
	}

	static AuthServerUrls urls(String publicBaseUrl) {
		FhirServerProperties server = new FhirServerProperties(Path.of("data"), publicBaseUrl, 20, 500,
				DataSize.ofMegabytes(20), new FhirServerProperties.Search(10000, 100, 2048, Duration.ofSeconds(30)));
		AuthProperties auth = new AuthProperties("", Duration.ofMinutes(5), null, List.of());
		return new AuthServerUrls(server, auth, new MockEnvironment());
	}

	private static JWTClaimsSet.Builder claims() {
		return TestBackendClient.claims(TOKEN_ENDPOINT);
	}

	private void verify(JWTClaimsSet.Builder claims) {
		verifier.verify(TestBackendClient.signRs384(claims.build()));
	}

	private static void assertInvalidClient(ThrowingCallable call, String reason) {
		assertThatThrownBy(call).isInstanceOfSatisfying(OAuthException.class, e -> {
			assertThat(e.error()).isEqualTo("invalid_client");
			assertThat(e.getMessage()).contains(reason);
		});
	}
}
