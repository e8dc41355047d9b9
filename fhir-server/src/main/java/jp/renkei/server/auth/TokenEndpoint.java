package jp.renkei.server.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /auth/token}: {@code client_credentials} for SMART Backend Services
 * ({@code private_key_jwt}) and for confidential-symmetric clients ({@code client_secret_basic}),
 * granting the {@code system/} scopes both requested and allowed; {@code authorization_code} and
 * {@code refresh_token} for apps a user signed in to ({@link UserTokenGrants}).
 */
@RestController
public class TokenEndpoint {

	private static final Logger LOG = LoggerFactory.getLogger(TokenEndpoint.class);
	private static final Set<String> CLIENT_CREDENTIALS_CONTEXTS = Set.of("system");

	private final ClientAuthenticator authenticator;
	private final AccessTokenIssuer issuer;
	private final UserTokenGrants userGrants;

	public TokenEndpoint(ClientAuthenticator authenticator, AccessTokenIssuer issuer, UserTokenGrants userGrants) {
		this.authenticator = authenticator;
		this.issuer = issuer;
		this.userGrants = userGrants;
	}

	@PostMapping(AuthServerUrls.AUTH_PATH + "/token")
	public ResponseEntity<Map<String, Object>> token(HttpServletRequest request) {
		Map<String, String> parameters = FormParameters.of(request);
		String grantType = parameters.get("grant_type");
		if (grantType == null) {
			throw OAuthException.invalidRequest("grant_type is missing");
		}
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		switch (grantType) {
			case "client_credentials" -> {}
			case "authorization_code" -> {
				return noStore(userGrants.authorizationCode(userGrants.client(authorization, parameters), parameters));
			}
			case "refresh_token" -> {
				return noStore(userGrants.refresh(userGrants.client(authorization, parameters), parameters));
			}
			default -> throw OAuthException.unsupportedGrantType("grant_type " + grantType
					+ " is not supported (authorization_code, refresh_token, client_credentials)");
		}
		RegisteredClient client = authenticator.authenticate(authorization, parameters);
		String scope = parameters.get("scope");
		if (scope == null || scope.isBlank()) {
			throw OAuthException.invalidScope("scope is required (for example system/*.rs)");
		}
		List<String> requested = Arrays.asList(scope.trim().split("\\s+"));
		Set<String> granted = SmartScope.grant(requested, client.scopes(), CLIENT_CREDENTIALS_CONTEXTS);
		if (granted.isEmpty()) {
			throw OAuthException.invalidScope("none of the requested scopes is allowed for client " + client.clientId());
		}
		AccessTokenIssuer.IssuedToken token = issuer.issueForClient(client, granted);
		LOG.info("Issued a client_credentials token to {} with scope {}", client.clientId(), String.join(" ", granted));

		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", token.value());
		body.put("token_type", "Bearer");
		body.put("expires_in", token.lifetime().toSeconds());
		body.put("scope", String.join(" ", token.scopes()));
		return noStore(body);
	}

	private static ResponseEntity<Map<String, Object>> noStore(Map<String, Object> body) {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header(HttpHeaders.PRAGMA, "no-cache").body(body);
	}
}
