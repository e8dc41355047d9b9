package jp.renkei.server.request;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Why a request body is refused before HAPI sees it: the HTTP status and the OperationOutcome
 * issue the client gets.
 */
final class RejectedRequestBody extends Exception {

	private final int status;
	private final IssueType issueType;

	RejectedRequestBody(int status, IssueType issueType, String message) {
		super(message, null, false, false);
		this.status = status;
		this.issueType = issueType;
	}

	int status() {
		return status;
	}

	IssueType issueType() {
		return issueType;
	}
}
