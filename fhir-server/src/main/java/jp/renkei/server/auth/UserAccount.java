package jp.renkei.server.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Optional;

/**
 * A user who can sign in, as the authorization server holds it: never the password, only its hash.
 *
 * @param username the login id and {@code sub} of the user's tokens
 * @param passwordHash PBKDF2 hash ({@link ClientSecretHash})
 * @param totpSecret Base32 TOTP secret, or null when the user has no second factor
 * @param fhirUser relative reference of the user's resource ({@code Practitioner/x}, {@code Patient/y})
 * @param organization {@code Organization/x} the user works for, or null
 * @param roles regional roles
 * @param displayName the name shown on the pages
 */
public record UserAccount(
		String username,
		String passwordHash,
		String totpSecret,
		String fhirUser,
		String organization,
		List<String> roles,
		String displayName) {

	public UserAccount {
		roles = List.copyOf(roles);
	}

	public boolean hasSecondFactor() {
		return totpSecret != null && !totpSecret.isBlank();
	}

	/** The patient id when the user is a patient ({@code fhirUser} = {@code Patient/<id>}). */
	public Optional<String> ownPatientId() {
		return fhirUser.startsWith("Patient/") ? Optional.of(fhirUser.substring("Patient/".length())) : Optional.empty();
	}

	@JsonIgnore
	public boolean isPatient() {
		return ownPatientId().isPresent();
	}
}
