package jp.renkei.server.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.renkei.server.config.FhirEndpointConfig;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves {@code GET /fhir/.well-known/openid-configuration}: OpenID Connect discovery at the
 * issuer (our FHIR base URL), so clients of SMART's {@code sso-openid-connect} can find the keys
 * that verify id_tokens. Like {@link SmartConfigurationFilter}, a filter on this one path answers
 * before HAPI's servlet would take it for a resource type.
 */
public class OpenIdConfigurationFilter extends OncePerRequestFilter {

	static final String PATH = FhirEndpointConfig.FHIR_PATH + "/.well-known/openid-configuration";

	private final AuthServerUrls urls;
	private final ObjectMapper json = new ObjectMapper();

	public OpenIdConfigurationFilter(AuthServerUrls urls) {
		this.urls = urls;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!request.getMethod().equals("GET")) {
			response.setHeader("Allow", "GET");
			response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
			return;
		}
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setHeader("Access-Control-Allow-Origin", "*");
		json.writeValue(response.getOutputStream(), document());
	}

	Map<String, Object> document() {
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
