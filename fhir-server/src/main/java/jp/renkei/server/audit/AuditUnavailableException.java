package jp.renkei.server.audit;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;

/**
 * 503: the audit record of a request could not be written, so the request is refused and no
 * patient data leaves the server (HAPI turns it into an OperationOutcome).
 */
public class AuditUnavailableException extends BaseServerResponseException {

	public static final int STATUS_CODE = 503;

	public AuditUnavailableException() {
		super(STATUS_CODE, "The audit trail cannot record this access at the moment, so it was refused."
				+ " Please try again shortly.");
		addResponseHeader("Retry-After", "5");
	}
}
