package jp.renkei.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.util.List;
import jp.renkei.server.auth.AuthProperties.ClientType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

class ClientMetadataTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	static ObjectNode publicApp() {
		ObjectNode json = JSON.createObjectNode();
		json.put("client_name", "紹介状アプリ");
		json.putArray("redirect_uris").add("https://app.example.jp/callback").add("http://127.0.0.1:4321/cb");
		json.put("token_endpoint_auth_method", "none");
		json.put("scope", "launch openid fhirUser patient/Patient.rs user/Observation.rs?category=laboratory offline_access");
		json.putArray("grant_types").add("authorization_code").add("refresh_token");
		json.put("launch_uri", "https://app.example.jp/launch");
		return json;
	}

	static ObjectNode backend() throws Exception {
		ObjectNode json = JSON.createObjectNode();
		json.put("client_name", "病院A 電子カルテ連携");
		json.put("token_endpoint_auth_method", "private_key_jwt");
		json.set("jwks", JSON.readTree(TestBackendClient.publicJwks()));
		json.put("scope", "system/Patient.rs system/Observation.cruds");
		json.putArray("grant_types").add("client_credentials");
		json.put("organization", "Organization/hospital-a");
		return json;
	}

	@Test
	void acceptsAPublicAppAndKeepsItsMetadata() {
		ClientMetadata metadata = ClientMetadata.parse(publicApp(), AdminAccess.ADMIN_SCOPE);

		assertThat(metadata.type()).isEqualTo(ClientType.PUBLIC);
		assertThat(metadata.scopes()).contains("launch", "user/Observation.rs?category=laboratory");
		assertThat(metadata.redirectUris()).containsExactly("https://app.example.jp/callback", "http://127.0.0.1:4321/cb");
		ObjectNode written = metadata.toJson(JSON);
		assertThat(ClientMetadata.parse(written, AdminAccess.ADMIN_SCOPE)).isEqualTo(metadata);
		assertThat(written.get("response_types").get(0).asText()).isEqualTo("code");
	}

	@Test
	void acceptsABackendServiceWithPublicKeysAndDefaultsToClientSecretBasic() throws Exception {
		ClientMetadata backend = ClientMetadata.parse(backend(), AdminAccess.ADMIN_SCOPE);
		assertThat(backend.type()).isEqualTo(ClientType.CONFIDENTIAL_ASYMMETRIC);
		assertThat(backend.organization()).isEqualTo("Organization/hospital-a");

		ObjectNode symmetric = backend();
		symmetric.remove("jwks");
		symmetric.remove("token_endpoint_auth_method");
		assertThat(ClientMetadata.parse(symmetric, AdminAccess.ADMIN_SCOPE).type()).isEqualTo(ClientType.CONFIDENTIAL_SYMMETRIC);
	}

	@ParameterizedTest
	@ValueSource(strings = {"http://app.example.jp/cb", "https://app.example.jp/cb#frag", "/relative/cb",
			"https://user:pw@app.example.jp/cb", "not a uri", "javascript:alert(1)", "ftp://app.example.jp/cb"})
	void refusesBadRedirectUris(String uri) {
		ObjectNode json = publicApp();
		json.putArray("redirect_uris").add(uri);

		assertRefused(json, "invalid_redirect_uri");
	}

	@Test
	void refusesACodeFlowAppWithoutRedirectUris() {
		ObjectNode json = publicApp();
		json.remove("redirect_uris");
		assertRefused(json, "invalid_redirect_uri");
	}

	@Test
	void refusesPrivateKeysKeysOfTheWrongKindAndKeysWithTheWrongMethod() throws Exception {
		RSAKey privateKey = new RSAKeyGenerator(2048).keyID("k").generate();
		ObjectNode leaky = backend();
		leaky.set("jwks", JSON.readTree("{\"keys\":[" + privateKey.toJSONString() + "]}"));
		assertRefused(leaky, "invalid_client_metadata");

		ObjectNode otherKeyType = backend();
		otherKeyType.set("jwks", JSON.readTree(
				"{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"ed\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}]}"));
		assertRefused(otherKeyType, "invalid_client_metadata");

		ObjectNode encryptionKey = backend();
		encryptionKey.set("jwks", JSON.readTree("{\"keys\":[" + new RSAKeyGenerator(2048).keyID("e").keyUse(KeyUse.ENCRYPTION).generate().toPublicJWK().toJSONString() + "]}"));
		assertRefused(encryptionKey, "invalid_client_metadata");

		ObjectNode noKeys = backend();
		noKeys.remove("jwks");
		assertRefused(noKeys, "invalid_client_metadata");

		ObjectNode both = backend();
		both.put("jwks_uri", "https://ehr.example.jp/jwks");
		assertRefused(both, "invalid_client_metadata");

		ObjectNode keysWithSecret = backend();
		keysWithSecret.put("token_endpoint_auth_method", "client_secret_basic");
		assertRefused(keysWithSecret, "invalid_client_metadata");

		ObjectNode notASet = backend();
		notASet.put("jwks", "keys");
		assertRefused(notASet, "invalid_client_metadata");

		ObjectNode httpJwksUri = backend();
		httpJwksUri.remove("jwks");
		httpJwksUri.put("jwks_uri", "http://ehr.example.jp/jwks");
		assertRefused(httpJwksUri, "invalid_client_metadata");
	}

	@Test
	void refusesInconsistentGrantsScopesAndMethods() throws Exception {
		ObjectNode publicBackend = backend();
		publicBackend.remove("jwks");
		publicBackend.put("token_endpoint_auth_method", "none");
		assertRefused(publicBackend, "invalid_client_metadata");

		ObjectNode systemScopeInApp = publicApp();
		systemScopeInApp.put("scope", "system/*.rs");
		assertRefused(systemScopeInApp, "invalid_client_metadata");

		ObjectNode patientScopeInBackend = backend();
		patientScopeInBackend.put("scope", "patient/*.rs");
		assertRefused(patientScopeInBackend, "invalid_client_metadata");

		ObjectNode admin = backend();
		admin.put("scope", "system/*.rs renkei.admin");
		assertRefused(admin, "invalid_client_metadata");

		ObjectNode unknownScope = publicApp();
		unknownScope.put("scope", "patient/Patient.rs everything");
		assertRefused(unknownScope, "invalid_client_metadata");

		ObjectNode noScope = publicApp();
		noScope.remove("scope");
		assertRefused(noScope, "invalid_client_metadata");

		for (String field : List.of("token_endpoint_auth_method", "grant_types")) {
			ObjectNode unknown = publicApp();
			unknown.put(field, "implicit");
			assertRefused(unknown, "invalid_client_metadata");
		}

		ObjectNode refreshOnly = publicApp();
		refreshOnly.putArray("grant_types").add("refresh_token");
		refreshOnly.remove("redirect_uris");
		assertRefused(refreshOnly, "invalid_client_metadata");

		ObjectNode tokenResponse = publicApp();
		tokenResponse.putArray("response_types").add("token");
		assertRefused(tokenResponse, "invalid_client_metadata");
	}

	@Test
	void refusesBadExtensionsAndTypes() {
		ObjectNode organization = publicApp();
		organization.put("organization", "Patient/1");
		assertRefused(organization, "invalid_client_metadata");

		ObjectNode launch = publicApp();
		launch.put("launch_uri", "http://app.example.jp/launch");
		assertRefused(launch, "invalid_client_metadata");

		ObjectNode nameAsNumber = publicApp();
		nameAsNumber.put("client_name", 42);
		assertRefused(nameAsNumber, "invalid_client_metadata");

		ObjectNode uriAsString = publicApp();
		uriAsString.put("redirect_uris", "https://app.example.jp/callback");
		assertRefused(uriAsString, "invalid_client_metadata");

		assertRefused(JSON.createArrayNode(), "invalid_client_metadata");
	}

	private static void assertRefused(com.fasterxml.jackson.databind.JsonNode json, String error) {
		AdminApiException refused = catchThrowableOfType(
				() -> ClientMetadata.parse(json, AdminAccess.ADMIN_SCOPE), AdminApiException.class);
		assertThat(refused).as("refused: %s", json).isNotNull();
		assertThat(refused.error()).as(refused.getMessage()).isEqualTo(error);
		assertThat(refused.status()).isEqualTo(HttpStatus.BAD_REQUEST);
	}
}
