package jp.renkei.apps.fhir;

import java.util.Optional;

/**
 * Supplies the bearer token sent with one request to the FHIR server.
 *
 * <p>Asked again for every HTTP request (each page of a search), so a token refreshed in between is
 * picked up. The SMART client layer will supply the signed-in user's token; until it exists the apps
 * read the server anonymously with {@link #none()}.
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
