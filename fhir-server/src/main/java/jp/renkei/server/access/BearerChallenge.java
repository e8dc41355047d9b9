package jp.renkei.server.access;

import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * The answers of a protected resource server (RFC 6750 section 3): 401 with a
 * {@code WWW-Authenticate: Bearer} challenge, 403 {@code insufficient_scope}; each with a FHIR
 * OperationOutcome body saying why.
 */
final class BearerChallenge {

	static final String REALM = "renkei";
	static final String WWW_AUTHENTICATE = "WWW-Authenticate";

	private BearerChallenge() {}

	/** No token at all: the challenge names only the realm (RFC 6750 section 3.1). */
	static AuthenticationException missingToken() {
		String message = "This endpoint needs an access token: send Authorization: Bearer <token> (see .well-known/smart-configuration)";
		return withOutcome(new AuthenticationException(message), IssueType.LOGIN, message,
				"Bearer realm=\"" + REALM + "\"");
	}

	/** A token that does not verify: expired, forged, for another audience, revoked or malformed. */
	static AuthenticationException invalidToken(String reason) {
		String message = "The access token was refused: " + reason;
		return withOutcome(new AuthenticationException(message), IssueType.LOGIN, message,
				"Bearer realm=\"" + REALM + "\", error=\"invalid_token\", error_description=\"" + quoted(reason) + "\"");
	}

	/** A valid token whose scopes do not permit the request. */
	static ForbiddenOperationException insufficientScope(String reason) {
		String message = "Insufficient scope: " + reason;
		return withOutcome(new ForbiddenOperationException(message), IssueType.FORBIDDEN, message,
				"Bearer realm=\"" + REALM + "\", error=\"insufficient_scope\", error_description=\"" + quoted(reason) + "\"");
	}

	/** A request the caller may not make at all with its kind of token (not a matter of scopes). */
	static ForbiddenOperationException forbidden(String message) {
		return withOutcome(new ForbiddenOperationException(message), IssueType.FORBIDDEN, message, null);
	}

	private static <E extends BaseServerResponseException> E withOutcome(E exception, IssueType code, String message, String challenge) {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(code).setDiagnostics(message);
		exception.setOperationOutcome(outcome);
		if (challenge != null) {
			exception.addResponseHeader(WWW_AUTHENTICATE, challenge);
		}
		return exception;
	}

	/** An auth-param value (RFC 7235 quoted-string, RFC 6750 limits it to printable ASCII without " and \). */
	private static String quoted(String value) {
		return value.replaceAll("[^\\x20-\\x7E]|[\"\\\\]", "'");
	}
}
