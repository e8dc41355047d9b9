package jp.renkei.server.emergency;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import jp.renkei.server.access.RequestCaller;
import jp.renkei.server.auth.Caller;
import jp.renkei.server.config.FhirServerInterceptor;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Break-the-glass on {@code /fhir}: reads the purpose-of-use headers of a request, checks who asks,
 * opens or finds the emergency-access window, and hands it to consent and audit through
 * {@link EmergencyContext}. Runs right after the bearer token was verified, before anything is read.
 *
 * <ul>
 *   <li>{@value #PURPOSE_HEADER}: {@code BTG} or {@code ETREAT} (HL7 v3 ActReason).</li>
 *   <li>{@value #REASON_HEADER}: the justification, UTF-8 percent-encoded; mandatory to open a window.</li>
 *   <li>{@value #PATIENT_HEADER}: {@code Patient/<id>}; may be left out when the token has a patient context.</li>
 * </ul>
 * Only a signed-in user with the emergency role may; one patient per window; a window lasts
 * {@code renkei.emergency.window}. Without a reason the request uses the user's open window for that
 * patient, and is refused when there is none (never opened, or expired).
 */
@Component
@Interceptor
public class EmergencyAccessInterceptor implements FhirServerInterceptor {

	public static final String PURPOSE_HEADER = "X-Purpose-Of-Use";
	public static final String REASON_HEADER = "X-Emergency-Reason";
	public static final String PATIENT_HEADER = "X-Emergency-Patient";

	/** After the bearer token (-100), before consent decides who is exempt (-80). */
	static final int ORDER = -90;

	private static final Set<String> EMERGENCY_PURPOSES = Set.of("BTG", "ETREAT");
	private static final Pattern PATIENT_REFERENCE = Pattern.compile("(?:Patient/)?([A-Za-z0-9\\-.]{1,64})");
	private static final Logger LOG = LoggerFactory.getLogger(EmergencyAccessInterceptor.class);

	private final RequestCaller callers;
	private final EmergencyAccessWindows windows;
	private final EmergencyProperties properties;
	private final Clock clock = Clock.systemUTC();

	public EmergencyAccessInterceptor(RequestCaller callers, EmergencyAccessWindows windows, EmergencyProperties properties) {
		this.callers = callers;
		this.windows = windows;
		this.properties = properties;
	}

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = ORDER)
	public void declare(RequestDetails request) {
		String purpose = request.getHeader(PURPOSE_HEADER);
		if (purpose == null || purpose.isBlank()) {
			if (request.getHeader(REASON_HEADER) != null) {
				throw invalid(REASON_HEADER + " needs " + PURPOSE_HEADER + ": BTG or ETREAT");
			}
			return;
		}
		String code = purpose.trim().toUpperCase(Locale.ROOT);
		if (!EMERGENCY_PURPOSES.contains(code)) {
			throw invalid(PURPOSE_HEADER + " must be BTG or ETREAT, was: " + abbreviate(purpose));
		}
		Optional<Caller> found = callers.of(request);
		if (found.isEmpty()) {
			return;
		}
		Caller caller = found.get();
		if (caller.isSystem() || caller.fhirUser().isEmpty() || caller.fhirUser().get().startsWith("Patient/")) {
			throw forbidden("emergency access is for signed-in clinicians only");
		}
		if (!caller.roles().contains(properties.role())) {
			throw forbidden("emergency access needs the role '" + properties.role() + "', which this user does not have");
		}
		String patientId = patient(request, caller);
		Optional<String> reason = reason(request);
		Instant now = clock.instant();
		EmergencyAccessGrant grant;
		if (reason.isPresent()) {
			grant = windows.open(code, reason.get(), patientId, caller.subject(), caller.clientId(),
					caller.organization().orElse(null), now, now.plus(properties.window()));
			LOG.warn("Emergency access ({}) opened by {} for Patient/{} until {}, window {}", code, caller.subject(), patientId,
					grant.expiresAt(), grant.id());
		} else {
			grant = windows.openWindow(caller.subject(), patientId, now).orElseThrow(() -> forbidden(
					"no open emergency access to Patient/" + patientId + " (never opened, or its window expired): "
							+ "give the reason in " + REASON_HEADER + " to open one"));
		}
		EmergencyContext.remember(request, grant);
	}

	private static String patient(RequestDetails request, Caller caller) {
		String header = request.getHeader(PATIENT_HEADER);
		if (header == null || header.isBlank()) {
			return caller.patient().orElseThrow(() -> invalid(
					"emergency access is for one patient: name it in " + PATIENT_HEADER + " (Patient/<id>)"));
		}
		var matcher = PATIENT_REFERENCE.matcher(header.trim());
		if (!matcher.matches()) {
			throw invalid(PATIENT_HEADER + " must be Patient/<id>");
		}
		return matcher.group(1);
	}

	private Optional<String> reason(RequestDetails request) {
		String header = request.getHeader(REASON_HEADER);
		if (header == null) {
			return Optional.empty();
		}
		String reason;
		try {
			reason = URLDecoder.decode(header, StandardCharsets.UTF_8).strip();
		} catch (IllegalArgumentException e) {
			throw invalid(REASON_HEADER + " must be UTF-8, percent-encoded (RFC 3986)");
		}
		if (reason.indexOf('\uFFFD') >= 0) {
			throw invalid(REASON_HEADER + " must be UTF-8, percent-encoded (RFC 3986)");
		}
		if (reason.isEmpty()) {
			return Optional.empty();
		}
		if (reason.codePointCount(0, reason.length()) > properties.maxReasonLength()) {
			throw invalid(REASON_HEADER + " is longer than " + properties.maxReasonLength() + " characters");
		}
		if (reason.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
			throw invalid(REASON_HEADER + " must not contain control characters");
		}
		return Optional.of(reason);
	}

	private static String abbreviate(String value) {
		return value.length() > 20 ? value.substring(0, 20) + "…" : value;
	}

	private static InvalidRequestException invalid(String message) {
		return withOutcome(new InvalidRequestException(message), IssueType.INVALID, message);
	}

	private static ForbiddenOperationException forbidden(String message) {
		return withOutcome(new ForbiddenOperationException(message), IssueType.FORBIDDEN, message);
	}

	private static <E extends BaseServerResponseException> E withOutcome(E exception, IssueType code, String message) {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(code).setDiagnostics(message);
		exception.setOperationOutcome(outcome);
		return exception;
	}
}
