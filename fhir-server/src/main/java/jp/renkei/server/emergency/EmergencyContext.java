package jp.renkei.server.emergency;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Optional;

/**
 * The emergency-access window the current request uses, if any: set once per request by the
 * emergency-access interceptor after it checked the caller's role, the reason and the window; read by
 * consent enforcement (to let the window's patient through) and by the audit trail (purpose of use
 * and reason). Entries of a batch or transaction share their request's window.
 */
public final class EmergencyContext {

	private static final String KEY = EmergencyContext.class.getName();

	private EmergencyContext() {
	}

	public static Optional<EmergencyAccessGrant> of(RequestDetails request) {
		if (request == null) {
			return Optional.empty();
		}
		return Optional.ofNullable((EmergencyAccessGrant) request.getUserData().get(KEY));
	}

	static void remember(RequestDetails request, EmergencyAccessGrant grant) {
		request.getUserData().put(KEY, grant);
	}
}
