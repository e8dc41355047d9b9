package jp.renkei.server.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The SMART App Launch 2 discovery document ({@code /fhir/.well-known/smart-configuration}).
 *
 * <p>What it announces exists: the authorization endpoint with sign-in, approval and patient
 * picker (EHR and standalone launch, GET and POST), the authorization_code, refresh_token and
 * client_credentials grants, id_tokens for {@code openid fhirUser}, introspection and revocation.
 */
@Component
public class SmartConfiguration {

	static final List<String> CAPABILITIES = List.of(
			"launch-ehr", "launch-standalone",
			"client-public", "client-confidential-symmetric", "client-confidential-asymmetric",
			"context-ehr-patient", "context-ehr-encounter", "context-standalone-patient",
			"context-banner", "context-style",
			"permission-offline", "permission-online", "permission-patient", "permission-user", "permission-v1", "permission-v2",
			"sso-openid-connect", "authorize-post");
	static final List<String> SCOPES = List.of(
			"openid", "fhirUser", "profile", "launch", "launch/patient", "launch/encounter",
			"offline_access", "online_access",
			"patient/*.rs", "patient/*.cruds", "user/*.rs", "user/*.cruds", "system/*.rs", "system/*.cruds",
			"patient/*.read", "patient/*.write", "user/*.read", "user/*.write", "system/*.read", "system/*.write");

	private final AuthServerUrls urls;

	public SmartConfiguration(AuthServerUrls urls) {
		this.urls = urls;
	}

	public Map<String, Object> document() {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("issuer", urls.issuer());
		document.put("jwks_uri", urls.jwksUri());
		document.put("authorization_endpoint", urls.authorizationEndpoint());
		document.put("token_endpoint", urls.tokenEndpoint());
		document.put("introspection_endpoint", urls.introspectionEndpoint());
		document.put("revocation_endpoint", urls.revocationEndpoint());
		document.put("grant_types_supported", List.of("authorization_code", "refresh_token", "client_credentials"));
		document.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt", "client_secret_basic"));
		document.put("token_endpoint_auth_signing_alg_values_supported",
				ClientAssertionVerifier.ALGORITHMS.stream().map(Object::toString).sorted().toList());
		document.put("scopes_supported", SCOPES);
		document.put("response_types_supported", List.of("code"));
		document.put("code_challenge_methods_supported", List.of("S256"));
		document.put("capabilities", CAPABILITIES);
		return document;
	}
}
