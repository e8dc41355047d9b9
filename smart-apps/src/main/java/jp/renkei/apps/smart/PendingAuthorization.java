package jp.renkei.apps.smart;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;

/**
 * An authorization request on its way through the FHIR server's sign-in pages, kept in the HTTP
 * session under its {@code state} until the callback.
 *
 * @param state the random {@code state} sent, checked on the callback (CSRF)
 * @param codeVerifier the PKCE verifier whose S256 challenge was sent
 * @param nonce the random {@code nonce} the id_token must carry
 * @param appId the app that started it (where the callback leads)
 * @param ehrLaunch whether it is an EHR launch
 * @param startedAt when it was sent, for the login timeout
 */
record PendingAuthorization(String state, String codeVerifier, String nonce, String appId, boolean ehrLaunch, Instant startedAt)
		implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;
}
