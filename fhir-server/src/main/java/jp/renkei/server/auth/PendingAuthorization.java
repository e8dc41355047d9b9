package jp.renkei.server.auth;

import java.time.Instant;
import java.util.Set;

/**
 * A validated authorization request waiting for the user: sign-in, patient choice, approval.
 * Held in the user's HTTP session under a random id, never in a URL or hidden field the browser
 * could change.
 *
 * @param id the random id in the pages' URLs
 * @param clientId the client
 * @param redirectUri the registered redirect URI the request named
 * @param state the client's state, returned as is (or null)
 * @param codeChallenge the PKCE S256 challenge
 * @param nonce the OpenID Connect nonce (or null)
 * @param scopes the scopes requested and allowed for the client, offered to the user
 * @param context the launch context so far (EHR launch, or the patient picked)
 * @param launchUser the user an EHR launch was made for (or null)
 * @param patientNeeded whether the grant needs a patient in context ({@code launch/patient} or {@code patient/} scopes)
 * @param createdAt when the request arrived
 */
public record PendingAuthorization(
		String id,
		String clientId,
		String redirectUri,
		String state,
		String codeChallenge,
		String nonce,
		Set<String> scopes,
		LaunchContext context,
		String launchUser,
		boolean patientNeeded,
		Instant createdAt) {

	public PendingAuthorization withContext(LaunchContext newContext) {
		return new PendingAuthorization(id, clientId, redirectUri, state, codeChallenge, nonce, scopes, newContext,
				launchUser, patientNeeded, createdAt);
	}

	public boolean hasPatient() {
		return context.patient() != null;
	}
}
