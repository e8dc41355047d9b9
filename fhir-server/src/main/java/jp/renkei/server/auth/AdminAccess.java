package jp.renkei.server.auth;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Who may use the admin APIs (client registration, signing-key rotation): a caller with a bearer
 * access token carrying {@value #ADMIN_SCOPE}, issued to a client itself by
 * {@code client_credentials} (no user session: an admin tool or script). Admin clients are
 * declared in configuration with that scope; the registration API never registers one.
 */
@Component
public class AdminAccess {

	/** The scope of the admin APIs. Not a SMART clinical scope: it reaches no FHIR data. */
	public static final String ADMIN_SCOPE = "renkei.admin";
	private static final String BEARER = "Bearer ";

	private final AccessTokenVerifier verifier;

	public AdminAccess(AccessTokenVerifier verifier) {
		this.verifier = verifier;
	}

	/** The admin caller, or {@link AdminApiException} 401/403. */
	public Caller require(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			throw AdminApiException.unauthorized("a bearer access token with scope " + ADMIN_SCOPE + " is required", false);
		}
		Caller caller;
		try {
			caller = verifier.verify(authorization.substring(BEARER.length()).trim());
		} catch (InvalidAccessTokenException e) {
			throw AdminApiException.unauthorized(e.getMessage(), true);
		}
		if (!caller.scopes().contains(ADMIN_SCOPE) || !caller.isSystem()) {
			throw AdminApiException.insufficientScope("the access token lacks scope " + ADMIN_SCOPE
					+ " (issued to an admin client by client_credentials)", ADMIN_SCOPE);
		}
		return caller;
	}
}
