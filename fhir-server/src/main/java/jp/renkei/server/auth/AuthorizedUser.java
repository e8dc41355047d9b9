package jp.renkei.server.auth;

import java.util.List;

/**
 * The signed-in user as tokens describe them (no password hash, no second-factor secret).
 *
 * @param username the {@code sub}
 * @param fhirUser relative reference of the user's resource
 * @param organization {@code Organization/x} the user works for, or null
 * @param roles regional roles
 */
public record AuthorizedUser(String username, String fhirUser, String organization, List<String> roles) {

	public AuthorizedUser {
		roles = roles == null ? List.of() : List.copyOf(roles);
	}

	static AuthorizedUser of(UserAccount account) {
		return new AuthorizedUser(account.username(), account.fhirUser(), account.organization(), account.roles());
	}
}
