package jp.renkei.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import jp.renkei.server.AbstractServerIT;
import org.junit.jupiter.api.Test;

/** SMART Backend Services over real HTTP: client_credentials with private_key_jwt, and the answers to bad input. */
class BackendServicesTokenIT extends AbstractServerIT {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void aValidAssertionGetsATokenSignedWithThePublishedKey() throws Exception {
		HttpResponse<String> response = requestToken(TestBackendClient.signRs384(claims().build()), "system/Patient.rs system/Observation.rs");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
		assertThat(body.get("expires_in").asLong()).isEqualTo(300);
		assertThat(body.get("scope").asText()).isEqualTo("system/Patient.rs system/Observation.rs");

		SignedJWT token = SignedJWT.parse(body.get("access_token").asText());
		JWKSet serverKeys = JWKSet.parse(AuthHttp.get(port, "/auth/jwks").body());
		RSAKey key = (RSAKey) serverKeys.getKeyByKeyId(token.getHeader().getKeyID());
		assertThat(key).as("kid of the token is published").isNotNull();
		assertThat(token.verify(new RSASSAVerifier(key))).isTrue();
		JWTClaimsSet claims = token.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo(fhirBase());
		assertThat(claims.getAudience()).containsExactly(fhirBase());
		assertThat(claims.getSubject()).isEqualTo(TestBackendClient.CLIENT_ID);
		assertThat(claims.getStringClaim("client_id")).isEqualTo(TestBackendClient.CLIENT_ID);
		assertThat(claims.getStringClaim("scope")).isEqualTo("system/Patient.rs system/Observation.rs");
		assertThat(claims.getStringClaim("organization")).isEqualTo("Organization/test-hospital");
		assertThat(claims.getJWTID()).isNotBlank();
		assertThat(claims.getExpirationTime()).isAfter(new Date());
	}

	@Test
	void anEs384AssertionIsAcceptedAndABroadRequestIsNarrowedToTheAllowedScopes() throws Exception {
		String assertion = TestBackendClient.sign(claims().build(), JWSAlgorithm.ES384, TestBackendClient.EC_KID, TestBackendClient.ecKey());

		HttpResponse<String> response = requestToken(assertion, "system/*.cruds");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(JSON.readTree(response.body()).get("scope").asText()).isEqualTo("system/*.rs system/Observation.cruds");
	}

	@Test
	void aReplayedAssertionIsRefused() throws Exception {
		String assertion = TestBackendClient.signRs384(claims().build());
		assertThat(requestToken(assertion, "system/*.rs").statusCode()).isEqualTo(200);

		assertOAuthError(requestToken(assertion, "system/*.rs"), 401, "invalid_client");
	}

	@Test
	void badAssertionsAreRefusedAsInvalidClient() throws Exception {
		Instant now = Instant.now();
		assertOAuthError(requestToken(TestBackendClient.signRs384(claims().expirationTime(Date.from(now.minus(Duration.ofMinutes(2)))).build()),
				"system/*.rs"), 401, "invalid_client");
		assertOAuthError(requestToken(TestBackendClient.signRs384(claims().expirationTime(Date.from(now.plus(Duration.ofMinutes(30)))).build()),
				"system/*.rs"), 401, "invalid_client");
		assertOAuthError(requestToken(TestBackendClient.signRs384(claims().audience(fhirBase()).build()), "system/*.rs"), 401, "invalid_client");
		assertOAuthError(requestToken(TestBackendClient.signRs384(claims().issuer("nobody").subject("nobody").build()),
				"system/*.rs"), 401, "invalid_client");
		RSAKey stranger = new RSAKeyGenerator(2048).keyID(TestBackendClient.RSA_KID).generate();
		assertOAuthError(requestToken(TestBackendClient.sign(claims().build(), JWSAlgorithm.RS384, TestBackendClient.RSA_KID, stranger),
				"system/*.rs"), 401, "invalid_client");
		assertOAuthError(requestToken(TestBackendClient.sign(claims().build(), JWSAlgorithm.RS384, TestBackendClient.EC_KID,
				TestBackendClient.rsaKey()), "system/*.rs"), 401, "invalid_client");
		assertOAuthError(requestToken("eyJhbGciOiJSUzM4NCJ9.bm90IGpzb24.c2ln", "system/*.rs"), 401, "invalid_client");
	}

	@Test
	void badRequestsGetTheRfc6749Error() throws Exception {
		String assertion = TestBackendClient.signRs384(claims().build());
		assertOAuthError(AuthHttp.postForm(port, "/auth/token", null, "grant_type", "password", "scope", "system/*.rs",
				"client_assertion_type", ClientAssertionVerifier.ASSERTION_TYPE, "client_assertion", assertion), 400, "unsupported_grant_type");
		assertOAuthError(AuthHttp.postForm(port, "/auth/token", null, "grant_type", "client_credentials", "scope", "system/*.rs",
				"client_assertion_type", "urn:example:other", "client_assertion", assertion), 400, "invalid_request");
		assertOAuthError(requestToken(TestBackendClient.signRs384(claims().build()), "system/Patient.cud"), 400, "invalid_scope");
		assertOAuthError(requestToken(TestBackendClient.signRs384(claims().build()), "patient/*.rs"), 400, "invalid_scope");
		assertOAuthError(AuthHttp.postJson(port, "/auth/token", "{\"grant_type\":\"client_credentials\"}"), 400, "invalid_request");
		assertOAuthError(AuthHttp.postForm(port, "/auth/token", null, "grant_type", "client_credentials", "scope", "system/*.rs"),
				401, "invalid_client");
	}

	@Test
	void aWrongClientSecretGets401WithAChallenge() throws Exception {
		HttpResponse<String> wrong = AuthHttp.postForm(port, "/auth/token",
				AuthHttp.basic(TestBackendClient.RESOURCE_SERVER_ID, "not-the-secret"), "grant_type", "client_credentials", "scope", "system/*.rs");
		assertOAuthError(wrong, 401, "invalid_client");
		assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Basic"));

		HttpResponse<String> unknown = AuthHttp.postForm(port, "/auth/token",
				AuthHttp.basic("no-such-client", "whatever"), "grant_type", "client_credentials", "scope", "system/*.rs");
		assertOAuthError(unknown, 401, "invalid_client");
		assertThat(JSON.readTree(unknown.body()).get("error_description")).isEqualTo(JSON.readTree(wrong.body()).get("error_description"));
	}

	@Test
	void aSymmetricClientGetsATokenWithItsSecret() throws Exception {
		HttpResponse<String> response = AuthHttp.postForm(port, "/auth/token", resourceServer(),
				"grant_type", "client_credentials", "scope", "system/*.rs");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(JSON.readTree(response.body()).get("scope").asText()).isEqualTo("system/Patient.rs");
	}

	@Test
	void introspectionSaysActiveUntilTheTokenIsRevoked() throws Exception {
		String token = JSON.readTree(requestToken(TestBackendClient.signRs384(claims().build()), "system/Patient.rs").body())
				.get("access_token").asText();

		JsonNode active = introspect(token);
		assertThat(active.get("active").asBoolean()).isTrue();
		assertThat(active.get("client_id").asText()).isEqualTo(TestBackendClient.CLIENT_ID);
		assertThat(active.get("sub").asText()).isEqualTo(TestBackendClient.CLIENT_ID);
		assertThat(active.get("scope").asText()).isEqualTo("system/Patient.rs");
		assertThat(active.get("aud").asText()).isEqualTo(fhirBase());
		assertThat(active.get("exp").asLong()).isGreaterThan(Instant.now().getEpochSecond());

		HttpResponse<String> revoked = AuthHttp.postForm(port, "/auth/revoke", null, "token", token,
				"client_assertion_type", ClientAssertionVerifier.ASSERTION_TYPE,
				"client_assertion", TestBackendClient.signRs384(claims().build()));
		assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);

		assertThat(introspect(token).get("active").asBoolean()).isFalse();
		assertThat(introspect("garbage").toString()).isEqualTo("{\"active\":false}");
	}

	@Test
	void introspectionNeedsAnAuthenticatedClient() throws Exception {
		assertOAuthError(AuthHttp.postForm(port, "/auth/introspect", null, "token", "anything"), 401, "invalid_client");
		assertOAuthError(AuthHttp.postForm(port, "/auth/introspect", AuthHttp.basic(TestBackendClient.RESOURCE_SERVER_ID, "wrong"),
				"token", "anything"), 401, "invalid_client");
	}

	private JsonNode introspect(String token) throws IOException {
		HttpResponse<String> response = AuthHttp.postForm(port, "/auth/introspect", resourceServer(), "token", token);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private HttpResponse<String> requestToken(String assertion, String scope) {
		return AuthHttp.postForm(port, "/auth/token", null,
				"grant_type", "client_credentials",
				"scope", scope,
				"client_assertion_type", ClientAssertionVerifier.ASSERTION_TYPE,
				"client_assertion", assertion);
	}

	private static String resourceServer() {
		return AuthHttp.basic(TestBackendClient.RESOURCE_SERVER_ID, TestBackendClient.RESOURCE_SERVER_SECRET);
	}

	private JWTClaimsSet.Builder claims() {
		// The token endpoint as discovery announces it: the server's configured URL, not the address the test dials.
		return TestBackendClient.claims("http://localhost:" + port + "/auth/token");
	}

	private String fhirBase() {
		return "http://localhost:" + port + "/fhir";
	}

	private static void assertOAuthError(HttpResponse<String> response, int status, String error) throws IOException {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.get("error").asText()).isEqualTo(error);
		assertThat(body.has("error_description")).isTrue();
		assertThat(body.has("access_token")).isFalse();
	}
}
