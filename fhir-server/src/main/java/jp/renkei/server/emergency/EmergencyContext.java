package jp.renkei.server.emergency;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * The emergency-access window the current request uses, if any: set once per request by the
 * emergency-access interceptor after it checked the caller's role, the reason and the window; read by
 * consent enforcement (to let the window's patient through) and by the audit trail (purpose of use
 * and reason). Entries of a batch or transaction share their request's window.
 */
public final class EmergencyContext {

	private static final String KEY = EmergencyContext.class.getName();
	private static final String LINKED_KEY = EmergencyContext.class.getName() + ".linkedRecords";

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

	/**
	 * Whether the request's window lets it see {@code patientId}'s records: the window's own patient,
	 * or a record of the same person that an operation of this request extended it to
	 * ({@link #extendToLinkedRecords}).
	 */
	public static boolean covers(RequestDetails request, String patientId) {
		Optional<EmergencyAccessGrant> grant = of(request);
		if (grant.isEmpty()) {
			return false;
		}
		if (grant.get().patientId().equals(patientId)) {
			return true;
		}
		Object linked = request.getUserData().get(LINKED_KEY);
		return linked instanceof Set<?> records && records.contains(patientId);
	}

	/**
	 * For this request only: the window of the patient {@code records} are linked to (the regional
	 * identity of one person, whose facility records the emergency summary merges) covers all of
	 * them. Does nothing without a window, or when the window's patient is not among {@code records}.
	 */
	public static void extendToLinkedRecords(RequestDetails request, Collection<String> records) {
		Optional<EmergencyAccessGrant> grant = of(request);
		if (grant.isPresent() && records.contains(grant.get().patientId())) {
			request.getUserData().put(LINKED_KEY, Set.copyOf(records));
		}
	}
}
