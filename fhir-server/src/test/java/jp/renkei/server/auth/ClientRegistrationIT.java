package jp.renkei.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Iterator;
import java.util.UUID;
import jp.renkei.server.AbstractServerIT;
import org.junit.jupiter.api.Test;

/**
 * The client registration API (RFC 7591/7592) over real HTTP: the three client types registered by
 * an admin token and then used at the token endpoint, the RFC 7591 error JSON for bad metadata,
 * 401/403 for callers without the admin scope, update and deletion.
 */
class ClientRegistrationIT extends AbstractServerIT {

	static final String ADMIN_ID = "test-admin";
	static final String ADMIN_SECRET = "test-only-admin-secret";
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final String REGISTER = "/auth/register";

	@Test
	void registersAPublicAppWithItsRedirectUrisLaunchUrlAndOrganization() throws Exception {
		ObjectNode request = ClientMetadataTest.publicApp();
		request.put("organization", "Organization/test-hospital");
		request.put("software_statement_unknown_field", "ignored");

		HttpResponse<String> response = post(adminToken(), request.toString());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
		JsonNode body = JSON.readTree(response.body());
		String clientId = body.get("client_id").asText();
		assertThat(clientId).isNotBlank();
		assertThat(body.has("client_secret")).isFalse();
		assertThat(body.get("client_id_issued_at").asLong()).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(120L));
		assertThat(body.get("registration_client_uri").asText()).isEqualTo("http://localhost:" + port + REGISTER + "/" + clientId);
		assertThat(response.headers().firstValue("Location")).contains("http://localhost:" + port + REGISTER + "/" + clientId);
		assertThat(body.get("client_name").asText()).isEqualTo("紹介状アプリ");
		assertThat(body.get("token_endpoint_auth_method").asText()).isEqualTo("none");
		assertThat(texts(body.get("redirect_uris"))).containsExactly("https://app.example.jp/callback", "http://127.0.0.1:4321/cb");
		assertThat(texts(body.get("grant_types"))).containsExactly("authorization_code", "refresh_token");
		assertThat(body.get("launch_uri").asText()).isEqualTo("https://app.example.jp/launch");
		assertThat(body.get("organization").asText()).isEqualTo("Organization/test-hospital");
		assertThat(body.has("software_statement_unknown_field")).isFalse();

		HttpResponse<String> read = AuthHttp.json(port, "GET", REGISTER + "/" + clientId, adminToken(), null, null);
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(read.body()).get("scope").asText()).isEqualTo(body.get("scope").asText());
	}

	@Test
	void aSecretClientGetsItsSecretOnceUsesItAtTheTokenEndpointAndIsUnknownOnceDeleted() throws Exception {
		ObjectNode request = JSON.createObjectNode();
		request.put("client_name", "地域連携 集計システム");
		request.put("token_endpoint_auth_method", "client_secret_basic");
		request.putArray("grant_types").add("client_credentials");
		request.put("scope", "system/Patient.rs");
		HttpResponse<String> response = post(adminToken(), request.toString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		JsonNode body = JSON.readTree(response.body());
		String clientId = body.get("client_id").asText();
		String secret = body.get("client_secret").asText();
		assertThat(secret).hasSizeGreaterThanOrEqualTo(40);
		assertThat(body.get("client_secret_expires_at").asLong()).isZero();

		HttpResponse<String> read = AuthHttp.json(port, "GET", REGISTER + "/" + clientId, adminToken(), null, null);
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.body()).doesNotContain(secret).doesNotContain("client_secret\"");

		HttpResponse<String> token = AuthHttp.postForm(port, "/auth/token", AuthHttp.basic(clientId, secret),
				"grant_type", "client_credentials", "scope", "system/Patient.rs");
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		assertThat(introspect(JSON.readTree(token.body()).get("access_token").asText()).get("client_id").asText()).isEqualTo(clientId);
		assertThat(AuthHttp.postForm(port, "/auth/token", AuthHttp.basic(clientId, secret + "x"),
				"grant_type", "client_credentials", "scope", "system/Patient.rs").statusCode()).isEqualTo(401);

		HttpResponse<String> deleted = AuthHttp.json(port, "DELETE", REGISTER + "/" + clientId, adminToken(), null, null);
		assertThat(deleted.statusCode()).isEqualTo(204);

		HttpResponse<String> afterDeletion = AuthHttp.postForm(port, "/auth/token", AuthHttp.basic(clientId, secret),
				"grant_type", "client_credentials", "scope", "system/Patient.rs");
		assertOAuthError(afterDeletion, 401, "invalid_client");
		assertOAuthError(AuthHttp.json(port, "GET", REGISTER + "/" + clientId, adminToken(), null, null), 404, "not_found");
		assertOAuthError(AuthHttp.json(port, "DELETE", REGISTER + "/" + clientId, adminToken(), null, null), 404, "not_found");
	}

	@Test
	void aKeyClientSignsItsAssertionWithTheRegisteredKeyAndGetsItsOrganizationInTheToken() throws Exception {
		HttpResponse<String> response = post(adminToken(), ClientMetadataTest.backend().toString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		JsonNode body = JSON.readTree(response.body());
		String clientId = body.get("client_id").asText();
		assertThat(body.has("client_secret")).isFalse();
		assertThat(body.get("jwks").get("keys")).hasSize(2);
		assertThat(body.get("jwks").toString()).doesNotContain("\"d\"");

		HttpResponse<String> token = AuthHttp.postForm(port, "/auth/token", null,
				"grant_type", "client_credentials", "scope", "system/Observation.rs",
				"client_assertion_type", ClientAssertionVerifier.ASSERTION_TYPE,
				"client_assertion", assertion(clientId));

		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		JWTClaimsSet claims = SignedJWT.parse(JSON.readTree(token.body()).get("access_token").asText()).getJWTClaimsSet();
		assertThat(claims.getStringClaim("client_id")).isEqualTo(clientId);
		assertThat(claims.getStringClaim("organization")).isEqualTo("Organization/hospital-a");
		assertThat(claims.getStringClaim("scope")).isEqualTo("system/Observation.rs");
	}

	@Test
	void anUpdateReplacesTheMetadataAndNeedsTheRightClientId() throws Exception {
		JsonNode registered = JSON.readTree(post(adminToken(), ClientMetadataTest.publicApp().toString()).body());
		String clientId = registered.get("client_id").asText();
		ObjectNode update = ClientMetadataTest.publicApp();
		update.put("scope", "launch/patient patient/Observation.rs");
		update.put("client_name", "紹介状アプリ v2");

		assertOAuthError(AuthHttp.json(port, "PUT", REGISTER + "/" + clientId, adminToken(), "application/json", update.toString()),
				400, "invalid_client_metadata");
		update.put("client_id", clientId);
		HttpResponse<String> updated = AuthHttp.json(port, "PUT", REGISTER + "/" + clientId, adminToken(), "application/json", update.toString());

		assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
		JsonNode body = JSON.readTree(updated.body());
		assertThat(body.get("scope").asText()).isEqualTo("launch/patient patient/Observation.rs");
		assertThat(body.get("client_id_issued_at").asLong()).isEqualTo(registered.get("client_id_issued_at").asLong());
		HttpResponse<String> read = AuthHttp.json(port, "GET", REGISTER + "/" + clientId, adminToken(), null, null);
		assertThat(JSON.readTree(read.body()).get("client_name").asText()).isEqualTo("紹介状アプリ v2");
	}

	@Test
	void badMetadataGetsTheRfc7591ErrorAndNothingIsRegistered() throws Exception {
		String admin = adminToken();
		ObjectNode plainHttp = ClientMetadataTest.publicApp();
		plainHttp.putArray("redirect_uris").add("http://app.example.jp/callback");
		assertOAuthError(post(admin, plainHttp.toString()), 400, "invalid_redirect_uri");

		ObjectNode fragment = ClientMetadataTest.publicApp();
		fragment.putArray("redirect_uris").add("https://app.example.jp/callback#x");
		assertOAuthError(post(admin, fragment.toString()), 400, "invalid_redirect_uri");

		ObjectNode privateKey = ClientMetadataTest.backend();
		privateKey.set("jwks", JSON.readTree("{\"keys\":[" + new RSAKeyGenerator(2048).keyID("leak").generate().toJSONString() + "]}"));
		assertOAuthError(post(admin, privateKey.toString()), 400, "invalid_client_metadata");

		ObjectNode methodWithoutKeys = ClientMetadataTest.backend();
		methodWithoutKeys.remove("jwks");
		assertOAuthError(post(admin, methodWithoutKeys.toString()), 400, "invalid_client_metadata");

		ObjectNode adminScope = ClientMetadataTest.backend();
		adminScope.put("scope", "renkei.admin");
		assertOAuthError(post(admin, adminScope.toString()), 400, "invalid_client_metadata");

		assertOAuthError(post(admin, "{\"client_name\": "), 400, "invalid_client_metadata");
		assertOAuthError(post(admin, "{\"scope\":\"a\",\"scope\":\"b\"}"), 400, "invalid_client_metadata");
		assertOAuthError(post(admin, "[]"), 400, "invalid_client_metadata");
		assertOAuthError(AuthHttp.json(port, "POST", REGISTER, admin, "application/x-www-form-urlencoded", "client_name=x"),
				400, "invalid_client_metadata");
		assertOAuthError(post(admin, "{\"x\":\"" + "a".repeat(70_000) + "\"}"), 400, "invalid_client_metadata");
	}

	@Test
	void callersWithoutAnAdminTokenAreRefused() throws Exception {
		String body = ClientMetadataTest.publicApp().toString();

		HttpResponse<String> anonymous = post(null, body);
		assertOAuthError(anonymous, 401, "invalid_token");
		assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"renkei\"");

		HttpResponse<String> forged = post("not-a-token", body);
		assertOAuthError(forged, 401, "invalid_token");
		assertThat(forged.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");

		HttpResponse<String> token = AuthHttp.postForm(port, "/auth/token",
				AuthHttp.basic(TestBackendClient.RESOURCE_SERVER_ID, TestBackendClient.RESOURCE_SERVER_SECRET),
				"grant_type", "client_credentials", "scope", "system/Patient.rs");
		String clinicalToken = JSON.readTree(token.body()).get("access_token").asText();
		HttpResponse<String> insufficient = post(clinicalToken, body);
		assertOAuthError(insufficient, 403, "insufficient_scope");
		assertThat(insufficient.headers().firstValue("WWW-Authenticate").orElseThrow())
				.contains("error=\"insufficient_scope\"", "scope=\"renkei.admin\"");
		assertOAuthError(AuthHttp.json(port, "GET", REGISTER + "/" + UUID.randomUUID(), clinicalToken, null, null), 403, "insufficient_scope");
		assertOAuthError(AuthHttp.json(port, "DELETE", REGISTER + "/" + UUID.randomUUID(), null, null, null), 401, "invalid_token");
	}

	@Test
	void clientsDeclaredInConfigurationAreNotManagedHere() throws Exception {
		assertOAuthError(AuthHttp.json(port, "GET", REGISTER + "/" + TestBackendClient.CLIENT_ID, adminToken(), null, null), 404, "not_found");
		assertOAuthError(AuthHttp.json(port, "DELETE", REGISTER + "/" + TestBackendClient.CLIENT_ID, adminToken(), null, null), 404, "not_found");
	}

	/** An access token with the admin scope, as an admin tool gets it. */
	String adminToken() throws Exception {
		return adminToken(port);
	}

	static String adminToken(int port) throws Exception {
		HttpResponse<String> response = AuthHttp.postForm(port, "/auth/token", AuthHttp.basic(ADMIN_ID, ADMIN_SECRET),
				"grant_type", "client_credentials", "scope", AdminAccess.ADMIN_SCOPE);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.get("scope").asText()).isEqualTo(AdminAccess.ADMIN_SCOPE);
		return body.get("access_token").asText();
	}

	private HttpResponse<String> post(String bearer, String json) {
		return AuthHttp.json(port, "POST", REGISTER, bearer, "application/json", json);
	}

	private JsonNode introspect(String token) throws Exception {
		HttpResponse<String> response = AuthHttp.postForm(port, "/auth/introspect",
				AuthHttp.basic(TestBackendClient.RESOURCE_SERVER_ID, TestBackendClient.RESOURCE_SERVER_SECRET), "token", token);
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.get("active").asBoolean()).as(response.body()).isTrue();
		return body;
	}

	private String assertion(String clientId) {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId)
				.audience(authBase() + "/token").issueTime(Date.from(now))
				.expirationTime(Date.from(now.plus(Duration.ofMinutes(1)))).jwtID(UUID.randomUUID().toString()).build();
		return TestBackendClient.sign(claims, JWSAlgorithm.ES384, TestBackendClient.EC_KID, TestBackendClient.ecKey());
	}

	private String authBase() {
		return "http://localhost:" + port + "/auth";
	}

	private static void assertOAuthError(HttpResponse<String> response, int status, String error) throws Exception {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
		JsonNode body = JSON.readTree(response.body());
		Iterator<String> fields = body.fieldNames();
		assertThat(fields).toIterable().containsExactly("error", "error_description");
		assertThat(body.get("error").asText()).isEqualTo(error);
	}

	private static java.util.List<String> texts(JsonNode array) {
		java.util.List<String> values = new java.util.ArrayList<>();
		array.forEach(node -> values.add(node.asText()));
		return values;
	}
}
