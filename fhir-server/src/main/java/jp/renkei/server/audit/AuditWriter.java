package jp.renkei.server.audit;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import jp.renkei.server.conformance.ProfileEnforcementInterceptor;

/**
 * The internal request with which the audit trail writes AuditEvents and changes their review tag:
 * the only writer {@link AuditEventProtection} lets through. Its AuditEvents are built by the server
 * ({@link AuditEventMapper}), so they skip profile validation on write.
 */
final class AuditWriter {

	private static final String KEY = AuditWriter.class.getName();

	private AuditWriter() {
	}

	static SystemRequestDetails newRequest() {
		SystemRequestDetails request = new SystemRequestDetails();
		request.getUserData().put(KEY, Boolean.TRUE);
		ProfileEnforcementInterceptor.skipValidation(request);
		return request;
	}

	static boolean isAuditWriter(RequestDetails request) {
		return request instanceof SystemRequestDetails && Boolean.TRUE.equals(request.getUserData().get(KEY));
	}
}
