package jp.renkei.server.storage;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.model.ResourceVersionConflictResolutionStrategy;
import ca.uhn.fhir.rest.api.server.RequestDetails;

/**
 * Retries a write that lost a race against a concurrent identical write.
 *
 * <p>EHR feeders retry and often send the same conditional create or conditional update
 * (by identifier) twice at the same moment. Both transactions pass the "does it exist?" check;
 * the unique key on {@code HFJ_RES_SEARCH_URL} then rejects the second one (HAPI-0550). HAPI runs
 * the losing transaction again when an interceptor asks for it: on the retry the conditional
 * operation sees the resource the winner created and answers 200 with it, so both requests succeed
 * and exactly one copy is stored. Plain version conflicts (If-Match with an old version) are not
 * affected: they are checked against the request and fail again on retry.
 */
@Interceptor
public class ConcurrentWriteRetryInterceptor {

	private final int maxRetries;

	public ConcurrentWriteRetryInterceptor(int maxRetries) {
		this.maxRetries = maxRetries;
	}

	@Hook(Pointcut.STORAGE_VERSION_CONFLICT)
	public ResourceVersionConflictResolutionStrategy onVersionConflict(RequestDetails requestDetails) {
		ResourceVersionConflictResolutionStrategy strategy = new ResourceVersionConflictResolutionStrategy();
		strategy.setRetry(true);
		strategy.setMaxRetries(maxRetries);
		return strategy;
	}
}
