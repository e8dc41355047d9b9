package jp.renkei.server.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.ja.ならば;
import io.cucumber.java.ja.もし;
import io.cucumber.java.ja.前提;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

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

	private final ConsentSteps region;
	private final DataSource dataSource;
	private String doctorToken;
	private PatientRecordReading reading;

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
		// The default window is 4 hours (renkei.emergency.window): move this window's start and end
		// back by 4 hours and a minute, as if the reason had been given that long ago.
		Duration back = Duration.ofHours(4).plusMinutes(1);
		try (Connection connection = dataSource.getConnection();
				PreparedStatement update = connection.prepareStatement(
						"UPDATE RENKEI_EMERGENCY_ACCESS SET OPENED_AT = OPENED_AT - ?, EXPIRES_AT = EXPIRES_AT - ? "
								+ "WHERE USERNAME = ? AND PATIENT_ID = ?")) {
			update.setObject(1, back);
			update.setObject(2, back);
			update.setString(3, DOCTOR);
			update.setString(4, region.patientId());
			assertThat(update.executeUpdate()).as("emergency-access windows of %s for this patient", DOCTOR).isPositive();
		}
	}

	@ならば("この患者について、救急アクセス（目的 BTG）の監査記録が残っている")
	public void emergencyAccessAudited() {
		throw new UnsupportedOperationException("written when the audit trail is on main");
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

	static Timestamp timestamp(Instant instant) {
		return Timestamp.from(instant);
	}
}
