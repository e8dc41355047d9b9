package jp.renkei.apps.er;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.IOperationUntypedWithInput;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import jp.renkei.apps.smart.PatientBanner;
import jp.renkei.apps.smart.SmartSession;
import jp.renkei.apps.smart.SmartSessions;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.springframework.stereotype.Service;

/**
 * What the ER app asks the regional FHIR server, with the signed-in user's token: one
 * {@code Patient/{id}/$summary} per screen, {@code Patient/$match} for the standalone search, and the
 * break-the-glass headers when the user opened emergency access (README: "The emergency summary",
 * "Regional patient identity", "Emergency access").
 */
@Service
class ErFhirCalls {

	static final String REPRESENTATION = "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation";
	static final String MATCH_GRADE = "http://hl7.org/fhir/StructureDefinition/match-grade";

	private final SmartSessions sessions;
	private final ErProperties properties;
	private final Clock clock;

	ErFhirCalls(SmartSessions sessions, ErProperties properties, Clock clock) {
		this.sessions = sessions;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * The summary of {@code patientId}, under emergency access when the user opened it for this
	 * patient ({@code reason} non-null opens or renews the window).
	 *
	 * @throws ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException unknown, or not visible to this user
	 */
	ErSummary summary(SmartSession session, String patientId, String reason) {
		IGenericClient fhir = sessions.fhirClient(session);
		IOperationUntypedWithInput<Bundle> call = fhir.operation().onInstance(new IdType("Patient", patientId))
				.named("$summary").withNoParameters(Parameters.class).returnResourceType(Bundle.class).useHttpGet();
		boolean emergency = reason != null || session.inEmergencyAccess(patientId, clock.instant());
		if (emergency) {
			call = call.withAdditionalHeader("X-Purpose-Of-Use", "BTG")
					.withAdditionalHeader("X-Emergency-Patient", "Patient/" + patientId);
			if (reason != null) {
				call = call.withAdditionalHeader("X-Emergency-Reason", percentEncoded(reason));
			}
		}
		Bundle document = call.execute();
		if (reason != null) {
			session.emergencyAccessOpened(patientId, clock.instant().plus(properties.emergencyWindow()));
		}
		return ErSummaryReader.read(document, LocalDate.now(clock));
	}

	/** Candidates for the search, best first. */
	List<MatchCandidate> match(SmartSession session, PatientSearch search) {
		Patient wanted = new Patient();
		if (search.byInsurance()) {
			wanted.addIdentifier().setSystem(PatientBanner.INSURANCE_MEMBER_ID_SYSTEM).setValue(search.insuranceMemberId());
		} else {
			HumanName kana = wanted.addName().setText(search.kana());
			kana.addExtension(new Extension(REPRESENTATION, new CodeType("SYL")));
			wanted.setBirthDateElement(new DateType(search.birthDate()));
			if (!search.gender().isEmpty()) {
				wanted.setGender(AdministrativeGender.fromCode(search.gender()));
			}
		}
		Parameters parameters = new Parameters();
		parameters.addParameter().setName("resource").setResource(wanted);
		parameters.addParameter().setName("onlyCertainMatches").setValue(new BooleanType(false));
		parameters.addParameter().setName("count").setValue(new IntegerType(properties.matchCount()));
		Bundle found = sessions.fhirClient(session).operation().onType(Patient.class).named("$match")
				.withParameters(parameters).returnResourceType(Bundle.class).execute();
		LocalDate today = LocalDate.now(clock);
		return found.getEntry().stream().filter(e -> e.getResource() instanceof Patient).map(e -> {
			Patient patient = (Patient) e.getResource();
			PatientBanner banner = PatientBanner.of(patient, today);
			Extension grade = e.getSearch().getExtensionByUrl(MATCH_GRADE);
			int score = e.getSearch().hasScore() ? (int) Math.round(e.getSearch().getScore().doubleValue() * 100) : 0;
			String facility = patient.getManagingOrganization().hasDisplay() ? patient.getManagingOrganization().getDisplay() : "";
			return new MatchCandidate(banner.id(), banner.name(), banner.kana(), banner.genderKey(), banner.birthDate(),
					grade == null ? "" : grade.getValue().primitiveValue(), score, facility);
		}).toList();
	}

	/** RFC 3986 percent-encoding of UTF-8 (HTTP headers are Latin-1), spaces as %20 rather than +. */
	static String percentEncoded(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}
}
