package jp.renkei.server.auth;

import java.time.Instant;
import java.util.Set;

/**
 * What a user granted a client at the approval page: carried by the authorization code and, in the
 * database, by the refresh tokens issued from it.
 *
 * @param clientId the client
 * @param user the user who approved
 * @param scopes the approved scopes
 * @param context the launch context (patient, encounter, ...)
 * @param nonce the OpenID Connect nonce of the authorization request, or null
 * @param loginSessionId the login session the approval was made in ({@code online_access} ends with it)
 * @param authTime when the user signed in
 */
public record UserGrant(
		String clientId,
		AuthorizedUser user,
		Set<String> scopes,
		LaunchContext context,
		String nonce,
		String loginSessionId,
		Instant authTime) {

	public UserGrant {
		scopes = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(scopes));
	}

	public UserGrant withScopes(Set<String> narrowed) {
		return new UserGrant(clientId, user, narrowed, context, nonce, loginSessionId, authTime);
	}
}
