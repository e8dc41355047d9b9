package jp.renkei.apps.fhir;

import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;

/**
 * Adds {@code Authorization: Bearer <token>} to every request of a HAPI client, asking its
 * {@link AccessTokenSource} each time (HAPI's own {@code BearerTokenAuthInterceptor} holds one fixed
 * token; ours may be refreshed between requests).
 */
public final class BearerTokenInterceptor implements IClientInterceptor {

	private final AccessTokenSource tokens;

	public BearerTokenInterceptor(AccessTokenSource tokens) {
		this.tokens = tokens;
	}

	@Override
	public void interceptRequest(IHttpRequest request) {
		tokens.accessToken().ifPresent(token -> request.addHeader("Authorization", "Bearer " + token));
	}

	@Override
	public void interceptResponse(IHttpResponse response) {
		// Nothing to do: errors reach the caller as HAPI exceptions.
	}
}
