package jp.renkei.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import jp.renkei.server.AbstractServerIT;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestSecurityComponent;
import org.hl7.fhir.r4.model.Extension;
import org.junit.jupiter.api.Test;

class SmartDiscoveryIT extends AbstractServerIT {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void smartConfigurationAnnouncesEndpointsAndCapabilities() throws Exception {
		HttpResponse<String> response = get("/.well-known/smart-configuration");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
		JsonNode document = JSON.readTree(response.body());
		String origin = "http://localhost:" + port;
		assertThat(document.get("issuer").asText()).isEqualTo(origin + "/fhir");
		assertThat(document.get("jwks_uri").asText()).isEqualTo(origin + "/auth/jwks");
		assertThat(document.get("authorization_endpoint").asText()).isEqualTo(origin + "/auth/authorize");
		assertThat(document.get("token_endpoint").asText()).isEqualTo(origin + "/auth/token");
		assertThat(document.get("introspection_endpoint").asText()).isEqualTo(origin + "/auth/introspect");
		assertThat(document.get("revocation_endpoint").asText()).isEqualTo(origin + "/auth/revoke");
		assertThat(strings(document, "grant_types_supported")).containsExactly("authorization_code", "refresh_token", "client_credentials");
		assertThat(strings(document, "token_endpoint_auth_methods_supported")).containsExactly("private_key_jwt", "client_secret_basic");
		assertThat(strings(document, "code_challenge_methods_supported")).containsExactly("S256");
		assertThat(strings(document, "response_types_supported")).contains("code");
		assertThat(strings(document, "scopes_supported")).contains("openid", "fhirUser", "launch", "offline_access", "system/*.rs");
		assertThat(strings(document, "capabilities")).containsExactlyInAnyOrder(
				"launch-ehr", "launch-standalone", "client-public", "client-confidential-symmetric",
				"client-confidential-asymmetric", "context-ehr-patient", "context-ehr-encounter",
				"context-standalone-patient", "context-banner", "context-style", "permission-offline",
				"permission-online", "permission-patient", "permission-user", "permission-v1", "permission-v2", "sso-openid-connect",
				"authorize-post");
	}

	@Test
	void openIdConfigurationIsPublishedAtTheIssuer() throws Exception {
		HttpResponse<String> response = get("/.well-known/openid-configuration");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode document = JSON.readTree(response.body());
		String origin = "http://localhost:" + port;
		assertThat(document.get("issuer").asText()).isEqualTo(origin + "/fhir");
		assertThat(document.get("jwks_uri").asText()).isEqualTo(origin + "/auth/jwks");
		assertThat(document.get("authorization_endpoint").asText()).isEqualTo(origin + "/auth/authorize");
		assertThat(strings(document, "id_token_signing_alg_values_supported")).containsExactly("RS256");
	}

	@Test
	void jwksPublishesThePublicSigningKeyOnly() throws Exception {
		HttpResponse<String> response = AuthHttp.get(port, "/auth/jwks");

		assertThat(response.statusCode()).isEqualTo(200);
		JWKSet keys = JWKSet.parse(response.body());
		assertThat(keys.getKeys()).isNotEmpty().allSatisfy(key -> {
			assertThat(key.isPrivate()).isFalse();
			assertThat(key.getKeyID()).isNotBlank();
		});
	}

	@Test
	void capabilityStatementDeclaresSmartSecurity() {
		CapabilityStatement capabilities = client().capabilities().ofType(CapabilityStatement.class).execute();

		CapabilityStatementRestSecurityComponent security = capabilities.getRestFirstRep().getSecurity();
		assertThat(security.getService()).anySatisfy(service -> assertThat(service.getCoding()).anySatisfy(coding -> {
			assertThat(coding.getSystem()).isEqualTo("http://terminology.hl7.org/CodeSystem/restful-security-service");
			assertThat(coding.getCode()).isEqualTo("SMART-on-FHIR");
		}));
		Extension oauth = security.getExtensionByUrl("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris");
		assertThat(oauth).isNotNull();
		String origin = "http://localhost:" + port;
		assertThat(oauth.getExtensionByUrl("authorize").getValue().primitiveValue()).isEqualTo(origin + "/auth/authorize");
		assertThat(oauth.getExtensionByUrl("token").getValue().primitiveValue()).isEqualTo(origin + "/auth/token");
		assertThat(oauth.getExtensionByUrl("introspect").getValue().primitiveValue()).isEqualTo(origin + "/auth/introspect");
		assertThat(oauth.getExtensionByUrl("revoke").getValue().primitiveValue()).isEqualTo(origin + "/auth/revoke");
	}

	private static List<String> strings(JsonNode document, String field) {
		List<String> values = new ArrayList<>();
		document.get(field).forEach(value -> values.add(value.asText()));
		return values;
	}
}
