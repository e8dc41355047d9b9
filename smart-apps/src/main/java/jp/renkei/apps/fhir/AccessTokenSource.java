package jp.renkei.apps.fhir;

import java.util.Optional;

/**
 * Supplies the bearer token sent with one request to the FHIR server.
 *
 * <p>Asked again for every HTTP request (each page of a search), so a token refreshed in between is
 * picked up. Pages showing no patient use the apps' own system token
 * ({@code jp.renkei.apps.smart.BackendServicesTokenSource}); the SMART launch will supply the
 * signed-in user's token.
 */
@FunctionalInterface
public interface AccessTokenSource {

	/** The access token to send as {@code Authorization: Bearer ...}, or empty to send none. */
	Optional<String> accessToken();

	/** Sends no {@code Authorization} header. */
	static AccessTokenSource none() {
		return Optional::empty;
	}
}
