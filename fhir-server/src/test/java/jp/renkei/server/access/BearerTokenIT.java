package jp.renkei.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import jp.renkei.server.auth.AuthHttp;
import jp.renkei.server.auth.TestBackendClient;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

/**
 * Every /fhir request needs a valid bearer token; each way a token can be wrong gets 401 with an
 * RFC 6750 challenge and an OperationOutcome (issue code login), over real HTTP.
 */
class BearerTokenIT extends AbstractAccessIT {

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final String PATH = "/Patient?_count=1";

	@Test
	void theCapabilityStatementAndSmartDiscoveryNeedNoToken() {
		assertThat(as(null, "GET", "/metadata", null).statusCode()).isEqualTo(200);
		assertThat(as(null, "GET", "/.well-known/smart-configuration", null).statusCode()).isEqualTo(200);
	}

	@Test
	void aRequestWithoutTokenGets401WithABareChallenge() {
		HttpResponse<String> response = as(null, "GET", PATH, null);

		assertUnauthorized(response);
		assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"renkei\"");
	}

	@Test
	void anotherAuthenticationSchemeCountsAsNoToken() {
		HttpResponse<String> response = as(AuthHttp.basic(TestBackendClient.RESOURCE_SERVER_ID, TestBackendClient.RESOURCE_SERVER_SECRET),
				"GET", PATH, null);

		assertUnauthorized(response);
		assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"renkei\"");
	}

	@Test
	void writesWithoutTokenAreRefusedBeforeTheBodyIsLookedAt() {
		assertUnauthorized(as(null, "POST", "/Basic", "{\"resourceType\":\"Basic\",\"code\":{\"text\":\"x\"}}"));
		assertUnauthorized(as(null, "DELETE", "/Basic/anything", null));
		assertUnauthorized(as(null, "POST", "", "{\"resourceType\":\"Bundle\",\"type\":\"batch\"}"));
	}

	@Test
	void aMalformedTokenIsInvalid() {
		assertInvalidToken(withToken("not-a-jwt", "GET", PATH, null), "not a JWT");
		assertInvalidToken(withToken("eyJhbGciOiJSUzI1NiJ9.e30.c2ln", "GET", PATH, null), null);
	}

	@Test
	void anExpiredTokenIsInvalid() {
		Instant longAgo = Instant.now().minus(Duration.ofMinutes(10));
		String expired = tokens().sign(tokens().claims("test-suite", "test-suite", "system/*.rs")
				.issueTime(Date.from(longAgo)).expirationTime(Date.from(longAgo.plus(Duration.ofMinutes(5)))).build());

		assertInvalidToken(withToken(expired, "GET", PATH, null), "xpired");
	}

	@Test
	void aTokenSignedWithAnotherKeyIsInvalid() throws Exception {
		RSAKey stranger = new RSAKeyGenerator(2048).keyID(signingKeys.activeKey().getKeyID()).generate();
		String forged = AccessTokens.sign(tokens().claims("test-suite", "test-suite", "system/*.cruds").build(), stranger);

		assertInvalidToken(withToken(forged, "GET", PATH, null), null);
	}

	@Test
	void aTokenForAnotherAudienceIsInvalid() {
		String elsewhere = tokens().sign(tokens().claims("test-suite", "test-suite", "system/*.rs")
				.audience("https://another-server.example.jp/fhir").build());

		assertInvalidToken(withToken(elsewhere, "GET", PATH, null), "aud");
	}

	@Test
	void aRevokedTokenIsInvalid() throws Exception {
		String assertion = TestBackendClient.signRs384(TestBackendClient.claims(authOrigin() + "/auth/token", TestBackendClient.CLIENT_ID).build());
		HttpResponse<String> issued = AuthHttp.postForm(port, "/auth/token", null, "grant_type", "client_credentials",
				"scope", "system/Patient.rs", "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
				"client_assertion", assertion);
		String token = JSON.readTree(issued.body()).get("access_token").asText();
		assertThat(withToken(token, "GET", PATH, null).statusCode()).isEqualTo(200);

		HttpResponse<String> revoked = AuthHttp.postForm(port, "/auth/revoke", null, "token", token,
				"client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
				"client_assertion", TestBackendClient.signRs384(TestBackendClient.claims(authOrigin() + "/auth/token", TestBackendClient.CLIENT_ID).build()));
		assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);

		assertInvalidToken(withToken(token, "GET", PATH, null), "revoked");
	}

	@Test
	void aValidTokenIsAccepted() {
		HttpResponse<String> response = as(authorization(), "GET", PATH, null);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	private static void assertUnauthorized(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		OperationOutcome outcome = outcome(response);
		assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
		assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.LOGIN);
		assertThat(response.headers().allValues("WWW-Authenticate")).hasSize(1);
		assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).doesNotContain("error=");
	}

	private static void assertInvalidToken(HttpResponse<String> response, String reason) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		OperationOutcome outcome = outcome(response);
		assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.LOGIN);
		String challenge = response.headers().firstValue("WWW-Authenticate").orElseThrow();
		assertThat(challenge).startsWith("Bearer realm=\"renkei\", error=\"invalid_token\", error_description=\"");
		if (reason != null) {
			assertThat(challenge).contains(reason);
			assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains(reason);
		}
	}
}
