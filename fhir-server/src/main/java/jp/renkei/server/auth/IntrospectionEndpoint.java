package jp.renkei.server.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /auth/introspect} (RFC 7662). The caller authenticates as a registered confidential
 * client (a resource server or facility system); any such client may introspect any token, as the
 * answer reveals no more than the token itself carries. An invalid, expired or revoked token is
 * simply {@code {"active": false}}.
 */
@RestController
public class IntrospectionEndpoint {

	private final ClientAuthenticator authenticator;
	private final AccessTokenVerifier verifier;
	private final AuthServerUrls urls;

	public IntrospectionEndpoint(ClientAuthenticator authenticator, AccessTokenVerifier verifier, AuthServerUrls urls) {
		this.authenticator = authenticator;
		this.verifier = verifier;
		this.urls = urls;
	}

	@PostMapping(AuthServerUrls.AUTH_PATH + "/introspect")
	public ResponseEntity<Map<String, Object>> introspect(HttpServletRequest request) {
		Map<String, String> parameters = FormParameters.of(request);
		authenticator.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION), parameters);
		String token = parameters.get("token");
		if (token == null) {
			throw OAuthException.invalidRequest("token is missing");
		}
		Map<String, Object> body = new LinkedHashMap<>();
		try {
			Caller caller = verifier.verify(token);
			body.put("active", true);
			body.put("scope", String.join(" ", caller.scopes()));
			body.put("client_id", caller.clientId());
			body.put("token_type", "Bearer");
			body.put("exp", caller.expiresAt().getEpochSecond());
			body.put("sub", caller.subject());
			body.put("aud", urls.fhirBaseUrl());
			body.put("iss", urls.issuer());
			body.put("jti", caller.tokenId());
			caller.fhirUser().ifPresent(fhirUser -> body.put("fhirUser", fhirUser));
			caller.organization().ifPresent(organization -> body.put("organization", organization));
			caller.patient().ifPresent(patient -> body.put("patient", patient));
		} catch (InvalidAccessTokenException e) {
			body.put("active", false);
		}
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
	}
}
