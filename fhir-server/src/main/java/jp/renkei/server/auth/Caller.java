package jp.renkei.server.auth;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, as proven by a verified access token: the one description of the caller that
 * scope enforcement, consent and audit use (none of them reads the token itself).
 *
 * @param clientId the client the token was issued to
 * @param subject the token's {@code sub}: the user for user tokens, the client_id for backend services
 * @param fhirUser the user's Practitioner, PractitionerRole or Patient reference, when a user signed in
 * @param organization the Organization the client acts for, when it is a facility system
 * @param patient the patient id in context (patient-level launch, claim {@code patient}), when there is one
 * @param encounter the encounter id in context (EHR launch, claim {@code encounter}), when there is one
 * @param roles the signed-in user's roles in the region (claim {@code roles}, e.g. {@code emergency},
 *     {@code privacy-officer}); empty for backend services
 * @param scopes the granted scopes
 * @param tokenId the token's {@code jti} (for audit and revocation)
 * @param expiresAt when the token expires
 */
public record Caller(
		String clientId,
		String subject,
		Optional<String> fhirUser,
		Optional<String> organization,
		Optional<String> patient,
		Optional<String> encounter,
		Set<String> roles,
		Set<String> scopes,
		String tokenId,
		Instant expiresAt) {

	public Caller {
		scopes = Set.copyOf(scopes);
		roles = Set.copyOf(roles);
	}

	/** A backend-services (system) caller: no user signed in. */
	public boolean isSystem() {
		return fhirUser.isEmpty() && subject.equals(clientId);
	}
}
