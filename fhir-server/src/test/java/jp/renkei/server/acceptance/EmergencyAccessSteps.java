package jp.renkei.server.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.ja.ならば;
import io.cucumber.java.ja.もし;
import io.cucumber.java.ja.前提;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Steps of the emergency-access scenarios (features/consent/救急アクセス.feature). The emergency
 * physician is the test user {@code test-doctor} (Organization/demo-org-h1, role {@code emergency}),
 * signed in through the real sign-in and approval pages; the emergency headers are those of the
 * README ({@code X-Purpose-Of-Use}, {@code X-Emergency-Reason} percent-encoded UTF-8,
 * {@code X-Emergency-Patient}). Time passing is real data: the window's start and end are moved
 * back in the table {@code RENKEI_EMERGENCY_ACCESS} over JDBC, the server's clock is not touched.
 */
public class EmergencyAccessSteps {

	/** Test-only password of test-doctor (src/test/resources/config/application.yaml). */
	private static final String DOCTOR = "test-doctor";
	private static final String DOCTOR_PASSWORD = "test-only-password-doctor";
	/** A test user with the role privacy-officer (test-only password), who reviews the audit trail. */
	private static final String PRIVACY_OFFICER = "test-privacy-officer";
	private static final String PRIVACY_OFFICER_PASSWORD = "test-only-password-privacy-officer";

	private final ConsentSteps region;
	private final DataSource dataSource;
	private String doctorToken;
	private PatientRecordReading reading;
	private String reason;

	public EmergencyAccessSteps(ConsentSteps region, DataSource dataSource) {
		this.region = region;
		this.dataSource = dataSource;
	}

	@前提("救急病院の救急医（救急対応の権限を持つ医師）がサインインしている")
	public void emergencyPhysicianSignsIn() {
		CucumberSpringConfiguration server = region.server();
		doctorToken = new UserSignIn(server.port(), server.authOrigin() + "/fhir").accessToken(DOCTOR, DOCTOR_PASSWORD,
				"openid fhirUser user/*.rs");
	}

	@前提("救急医が通常の照会をしても患者の記録は何も見えない")
	public void normalLookUpShowsNothing() {
		read(Map.of()).assertNothingVisible();
	}

	@もし("救急医が理由{kagi}を記入して救急アクセスで患者の記録を照会する")
	public void emergencyLookUpWithReason(String reason) {
		this.reason = reason;
		reading = read(emergencyHeaders(reason));
	}

	@前提("救急医が理由{kagi}を記入して救急アクセスを開始した")
	public void emergencyAccessOpened(String reason) {
		read(emergencyHeaders(reason)).assertVisible(region.observationIds());
	}

	@もし("救急医が理由を記入せずに救急アクセスで患者の記録を照会する")
	public void emergencyLookUpWithoutReason() {
		reading = read(emergencyHeaders(null));
	}

	@前提("救急医が理由を記入せずに救急アクセスで患者の記録を照会すると、患者と検査結果{int}件が見える")
	public void withinTheWindowNoReasonIsNeeded(int results) {
		assertThat(region.observationIds()).hasSize(results);
		read(emergencyHeaders(null)).assertVisible(region.observationIds());
	}

	@ならば("救急医には患者と検査結果{int}件が見える")
	public void physicianSeesRecord(int results) {
		assertThat(region.observationIds()).hasSize(results);
		reading.assertVisible(region.observationIds());
	}

	@ならば("救急アクセスは拒否され、患者の記録は何も返らない")
	public void refused() {
		reading.assertRefused();
	}

	@もし("救急アクセスの開始から4時間以上が過ぎる")
	public void fourHoursPass() throws SQLException {
		// The window is 4 hours by default (renkei.emergency.window): move this user's windows for the
		// patient back as if the reason had been given 4 hours and a minute ago (times are epoch ms).
		Instant now = Instant.now();
		try (Connection connection = dataSource.getConnection();
				PreparedStatement update = connection.prepareStatement(
						"UPDATE RENKEI_EMERGENCY_ACCESS SET OPENED_AT = ?, EXPIRES_AT = ? WHERE USERNAME = ? AND PATIENT_ID = ?")) {
			update.setLong(1, now.minus(Duration.ofHours(4).plusMinutes(1)).toEpochMilli());
			update.setLong(2, now.minus(Duration.ofMinutes(1)).toEpochMilli());
			update.setString(3, DOCTOR);
			update.setString(4, region.patientId());
			assertThat(update.executeUpdate()).as("emergency-access windows of %s for this patient", DOCTOR).isPositive();
		}
	}

	@ならば("この患者について、救急アクセス（目的 BTG）の監査記録が残っている")
	public void emergencyAccessAudited() throws InterruptedException {
		CucumberSpringConfiguration server = region.server();
		String officer = new UserSignIn(server.port(), server.authOrigin() + "/fhir").accessToken(PRIVACY_OFFICER,
				PRIVACY_OFFICER_PASSWORD, "openid fhirUser user/*.rs");
		// The privacy officer's review query. The audit trail turns its journal into AuditEvents in
		// the background (about every second): wait a bounded time for them.
		String query = "/AuditEvent?patient=Patient/" + region.patientId() + "&purpose=BTG&_count=100";
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		List<AuditEvent> emergencyEvents = List.of();
		HttpResponse<String> response = null;
		while (emergencyEvents.isEmpty() && Instant.now().isBefore(deadline)) {
			response = region.http().get(officer, query, Map.of());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			emergencyEvents = ((Bundle) FhirHttp.parse(response.body())).getEntry().stream()
					.map(Bundle.BundleEntryComponent::getResource)
					.filter(AuditEvent.class::isInstance).map(AuditEvent.class::cast)
					.filter(event -> event.getPurposeOfEvent().stream().anyMatch(purpose -> purpose.getCoding().stream()
							.anyMatch(coding -> "BTG".equals(coding.getCode()))))
					.toList();
			if (emergencyEvents.isEmpty()) {
				Thread.sleep(500);
			}
		}
		assertThat(emergencyEvents).as("AuditEvents with purpose BTG for this patient within 60 s: " + response.body()).isNotEmpty();
		assertThat(emergencyEvents).as("the reason is recorded").anySatisfy(event ->
				assertThat(FhirHttp.FHIR.newJsonParser().encodeResourceToString(event)).contains(reason));
	}

	/** The signed-in emergency physician's access token (for the ER lookup scenarios). */
	String doctorToken() {
		assertThat(doctorToken).as("the emergency physician signed in").isNotNull();
		return doctorToken;
	}

	/** {@code Organization/<id>} the emergency physician acts for. */
	static String doctorOrganization() {
		return "Organization/demo-org-h1";
	}

	private PatientRecordReading read(Map<String, String> headers) {
		return PatientRecordReading.read(region.http(), doctorToken, region.patientId(), region.observationIds(), headers);
	}

	/** The emergency-access headers; the reason percent-encoded (UTF-8, RFC 3986) because headers are Latin-1. */
	private Map<String, String> emergencyHeaders(String reason) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("X-Purpose-Of-Use", "BTG");
		headers.put("X-Emergency-Patient", "Patient/" + region.patientId());
		if (reason != null) {
			headers.put("X-Emergency-Reason", URLEncoder.encode(reason, StandardCharsets.UTF_8).replace("+", "%20"));
		}
		return headers;
	}
}
