package jp.renkei.server.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import javax.sql.DataSource;
import jp.renkei.server.access.AbstractAccessIT;
import jp.renkei.server.emergency.EmergencyAccessInterceptor;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Break-the-glass: an ER physician of facility B, with the emergency role, opens P's record (held by A,
 * consent for A only) with a reason; without the role, without a reason, or after the window, refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmergencyAccessIT extends AbstractAccessIT {

	private static final String REASON = "救急搬送、意識障害のため既往歴とアレルギーを確認";

	@Autowired
	DataSource dataSource;

	private ConsentFixture data;
	private String erDoctor;
	private String erDoctorUsername;
	private String doctorWithoutRole;
	private String facilityB;

	@BeforeAll
	void storeRegion() {
		data = new ConsentFixture();
		erDoctorUsername = "er-doctor-" + data.run;
		erDoctor = tokens().user(erDoctorUsername, "Practitioner/jp-practitioner-example-male-1", "Organization/" + data.orgB,
				List.of("emergency"), "user/*.rs");
		doctorWithoutRole = tokens().user("ward-doctor-" + data.run, "Practitioner/jp-practitioner-example-male-1",
				"Organization/" + data.orgB, List.of(), "user/*.rs");
		facilityB = tokens().facility("cons-system-b", "Organization/" + data.orgB, "system/*.rs");
		String facilityA = tokens().facility("cons-system-a", "Organization/" + data.orgA, "system/*.cruds");
		client().transaction().withBundle(jp.renkei.server.JpCoreExamples.asTransaction()).execute();
		client().transaction().withBundle(data.organizations()).execute();
		HttpResponse<String> stored = withToken(facilityA, "POST", "/", FHIR.newJsonParser().encodeResourceToString(
				ConsentFixture.transaction(List.of(
						data.patient(data.patientP, data.orgA, ConsentFixture.IDENTIFIER_SYSTEM_A, data.identifierP, data.familyP),
						data.vital(data.obsP1, data.patientP),
						data.patient(data.patientR, data.orgA, ConsentFixture.IDENTIFIER_SYSTEM_A, "R-" + data.run, "別人"),
						data.consent(data.consentP, data.patientP, data.orgA, ConsentProvisionType.PERMIT, new Date(),
								"opt-in-per-facility", data.orgA)))));
		assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
	}

	@Test
	void withAReasonTheRecordOpensForThatPatientOnly() {
		assertThat(getWith(erDoctor, "/Patient/" + data.patientP).statusCode()).isEqualTo(404);

		HttpResponse<String> opened = btg(erDoctor, "/Observation?patient=" + data.patientP, data.patientP, REASON);
		assertThat(ids(bundle(opened))).containsExactly(data.obsP1);
		// Within the window no reason is needed; the window covers P only.
		assertThat(btg(erDoctor, "/Patient/" + data.patientP, data.patientP, null).statusCode()).isEqualTo(200);
		assertThat(btg(erDoctor, "/Patient/" + data.patientR, data.patientP, null).statusCode()).isEqualTo(404);
		// Without the header it is an ordinary request again.
		assertThat(getWith(erDoctor, "/Patient/" + data.patientP).statusCode()).isEqualTo(404);

		Integer windows = new JdbcTemplate(dataSource).queryForObject(
				"SELECT COUNT(*) FROM RENKEI_EMERGENCY_ACCESS WHERE USERNAME = ? AND PATIENT_ID = ? AND REASON = ?",
				Integer.class, erDoctorUsername, data.patientP, REASON);
		assertThat(windows).isEqualTo(1);
	}

	@Test
	void withoutAReasonAndWithoutAnOpenWindowItIsRefused() {
		HttpResponse<String> refused = btg(erDoctor, "/Patient/" + data.patientR, data.patientR, null);
		OperationOutcome outcome = assertForbidden(refused);
		assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains(EmergencyAccessInterceptor.REASON_HEADER);
		assertThat(refused.body()).doesNotContain(data.familyP);
	}

	@Test
	void withoutTheEmergencyRoleItIsRefused() {
		assertForbidden(btg(doctorWithoutRole, "/Patient/" + data.patientP, data.patientP, REASON));
		assertForbidden(btg(facilityB, "/Patient/" + data.patientP, data.patientP, REASON));
	}

	@Test
	void anExpiredWindowIsRefused() {
		String username = "er-expired-" + data.run;
		String doctor = tokens().user(username, "Practitioner/jp-practitioner-example-male-1", "Organization/" + data.orgB,
				List.of("emergency"), "user/*.rs");
		assertThat(btg(doctor, "/Patient/" + data.patientP, data.patientP, REASON).statusCode()).isEqualTo(200);
		long fiveHoursAgo = System.currentTimeMillis() - 5 * 3600_000L;
		new JdbcTemplate(dataSource).update("UPDATE RENKEI_EMERGENCY_ACCESS SET OPENED_AT = ?, EXPIRES_AT = ? WHERE USERNAME = ?",
				fiveHoursAgo, fiveHoursAgo + 4 * 3600_000L, username);
		assertForbidden(btg(doctor, "/Patient/" + data.patientP, data.patientP, null));
		// A new reason opens a new window.
		assertThat(btg(doctor, "/Patient/" + data.patientP, data.patientP, "再搬送のため再確認").statusCode()).isEqualTo(200);
	}

	@Test
	void badEmergencyHeadersAreRejected() {
		HttpResponse<String> wrongPurpose = as("Bearer " + erDoctor, "GET", "/Patient/" + data.patientP, null, FHIR_JSON,
				EmergencyAccessInterceptor.PURPOSE_HEADER, "TREATMENT");
		assertThat(wrongPurpose.statusCode()).isEqualTo(400);
		HttpResponse<String> noPatient = as("Bearer " + erDoctor, "GET", "/Patient/" + data.patientP, null, FHIR_JSON,
				EmergencyAccessInterceptor.PURPOSE_HEADER, "BTG", EmergencyAccessInterceptor.REASON_HEADER, "x");
		assertThat(noPatient.statusCode()).isEqualTo(400);
		HttpResponse<String> badEncoding = as("Bearer " + erDoctor, "GET", "/Patient/" + data.patientP, null, FHIR_JSON,
				EmergencyAccessInterceptor.PURPOSE_HEADER, "BTG", EmergencyAccessInterceptor.PATIENT_HEADER, "Patient/" + data.patientP,
				EmergencyAccessInterceptor.REASON_HEADER, "%E6%84");
		assertThat(badEncoding.statusCode()).isEqualTo(400);
		assertThat(outcome(badEncoding).getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.INVALID);
	}

	private HttpResponse<String> btg(String token, String path, String patient, String reason) {
		List<String> headers = new java.util.ArrayList<>(List.of(EmergencyAccessInterceptor.PURPOSE_HEADER, "BTG",
				EmergencyAccessInterceptor.PATIENT_HEADER, "Patient/" + patient));
		if (reason != null) {
			headers.addAll(List.of(EmergencyAccessInterceptor.REASON_HEADER, URLEncoder.encode(reason, StandardCharsets.UTF_8)));
		}
		return as("Bearer " + token, "GET", path, null, FHIR_JSON, headers.toArray(String[]::new));
	}

	private static List<String> ids(Bundle bundle) {
		return bundle.getEntry().stream().map(entry -> entry.getResource().getIdElement().getIdPart()).toList();
	}
}
