package jp.renkei.server.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Locale;
import jp.renkei.server.auth.AccessTokenVerifier;
import jp.renkei.server.auth.Caller;
import jp.renkei.server.auth.InvalidAccessTokenException;
import jp.renkei.server.config.FhirServerInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Requires a valid bearer token on every {@code /fhir} request except {@code GET /fhir/metadata}
 * (the SMART discovery document is answered before HAPI sees the request). The token is verified by
 * {@link AccessTokenVerifier}; the resulting {@link Caller} is kept for the request in
 * {@link RequestCaller}. Runs first among the request hooks, so an unauthenticated caller learns
 * nothing from other checks.
 */
@Component
@Interceptor
public class BearerTokenInterceptor implements FhirServerInterceptor {

	/** Before every other {@code SERVER_INCOMING_REQUEST_POST_PROCESSED} hook (they use the default 0). */
	static final int ORDER = -100;

	private static final Logger LOG = LoggerFactory.getLogger(BearerTokenInterceptor.class);
	private static final String BEARER = "bearer ";

	private final AccessTokenVerifier verifier;
	private final RequestCaller callers;
	private final boolean openAccess;

	public BearerTokenInterceptor(AccessTokenVerifier verifier, RequestCaller callers, AccessProperties properties) {
		this.verifier = verifier;
		this.callers = callers;
		this.openAccess = properties.openAccessForDevelopment();
		if (openAccess) {
			LOG.warn("renkei.auth.open-access-for-development is ON: /fhir answers WITHOUT access tokens. "
					+ "Development only: never run it like this with real data.");
		}
	}

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = ORDER)
	public void authenticate(RequestDetails request) {
		if (request.getRestOperationType() == RestOperationTypeEnum.METADATA) {
			if (openAccess) {
				LOG.warn("renkei.auth.open-access-for-development is ON: /fhir is open to anyone without a token");
			}
			return;
		}
		if (openAccess) {
			return;
		}
		String authorization = request.getHeader("Authorization");
		if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
			throw BearerChallenge.missingToken();
		}
		String token = authorization.substring(BEARER.length()).trim();
		try {
			Caller caller = verifier.verify(token);
			callers.remember(request, caller);
		} catch (InvalidAccessTokenException e) {
			LOG.info("Refused {} {}: {}", request.getRequestType(), request.getRequestPath(), e.getMessage());
			throw BearerChallenge.invalidToken(e.getMessage());
		}
	}
}
