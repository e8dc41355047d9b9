package jp.renkei.server.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenID Connect discovery document at the issuer (our FHIR base URL,
 * {@code /fhir/.well-known/openid-configuration}), so clients of SMART's {@code sso-openid-connect}
 * can find the keys that verify id_tokens. Served by {@link DiscoveryDocumentFilter}.
 */
public class OpenIdConfiguration {

	private final AuthServerUrls urls;

	public OpenIdConfiguration(AuthServerUrls urls) {
		this.urls = urls;
	}

	public Map<String, Object> document() {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("issuer", urls.issuer());
		document.put("authorization_endpoint", urls.authorizationEndpoint());
		document.put("token_endpoint", urls.tokenEndpoint());
		document.put("jwks_uri", urls.jwksUri());
		document.put("response_types_supported", List.of("code"));
		document.put("subject_types_supported", List.of("public"));
		document.put("id_token_signing_alg_values_supported", List.of("RS256"));
		document.put("scopes_supported", List.of("openid", "fhirUser"));
		document.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt", "client_secret_basic", "none"));
		document.put("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "fhirUser"));
		document.put("code_challenge_methods_supported", List.of("S256"));
		document.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
		return document;
	}
}
