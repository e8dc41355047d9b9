package jp.renkei.apps.er;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jp.renkei.apps.fhir.InMemoryFhirServer;
import jp.renkei.apps.smart.SignedInSessions;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The ER screens rendered from a {@code $summary} Bundle shaped as the server composes it
 * ({@link SummaryDocument}), served over real HTTP by a HAPI RestfulServer; the app signed in as
 * after a launch. Checks what the physician sees (the right allergy, drug and facility), the one
 * request per screen with the user's token, the page weight and the unavailable/emergency paths.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ErSummaryPageIT {

	private static final String TOKEN = "user-token-from-the-launch";
	private static final String HIDDEN_PATIENT = "hidden-patient";
	private static final String EMPTY_PATIENT = "empty-patient";
	/** The FHIR server answers 401 for it, as when it no longer accepts the token. */
	private static final String TOKEN_REFUSED = "token-refused";
	private static final InMemoryFhirServer FHIR = InMemoryFhirServer.with(new SummaryProvider());

	@DynamicPropertySource
	static void fhirServer(DynamicPropertyRegistry registry) {
		registry.add("renkei.apps.fhir-base-url", FHIR::baseUrl);
	}

	@AfterAll
	static void stopFhirServer() throws Exception {
		FHIR.close();
	}

	@Autowired
	MockMvc mvc;

	private MockHttpSession session;
	private String csrf;

	@BeforeEach
	void signIn() {
		session = new MockHttpSession();
		csrf = SignedInSessions.put(session, ErConfiguration.APP_ID, null, TOKEN).csrfToken();
	}

	@Test
	void theFirstScreenShowsTheSixInformationWithFacilityAndDateFromOneRequest() throws Exception {
		int before = FHIR.requests().size();
		MvcResult result = mvc.perform(get("/er/patient/" + SummaryDocument.PATIENT_ID).session(session)).andReturn();

		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		String html = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(html).contains("<html lang=\"ja\">", "田中 一郎", "タナカ イチロウ", "1950-04-01（76歳）", "患者ID H-000123");
		assertThat(section(html, "allergies")).contains("アレルギー", SummaryDocument.ALLERGY, "アナフィラキシー",
				SummaryDocument.HOSPITAL, "2024-04-10", SummaryDocument.CLINIC + " でも記録");
		assertThat(section(html, "contraindications")).contains("薬剤禁忌", SummaryDocument.CONTRAINDICATED_DRUG, SummaryDocument.CLINIC);
		assertThat(section(html, "infections")).contains(SummaryDocument.INFECTION, "陽性");
		assertThat(section(html, "problems")).contains(SummaryDocument.PROBLEM);
		assertThat(section(html, "medications")).contains(SummaryDocument.MEDICATION, "1回1錠 1日2回 朝夕食後");
		assertThat(section(html, "labs")).contains(SummaryDocument.LAB, "7.1", "基準 4.6–6.2", "<svg class=\"trend\"");
		assertThat(section(html, "procedures")).contains(SummaryDocument.OPERATION);
		assertThat(section(html, "encounters")).contains("定期受診");
		assertThat(section(html, "imaging")).contains(SummaryDocument.IMAGING, SummaryDocument.IMAGING_REPORT,
				"href=\"" + SummaryDocument.VIEWER + "\"");
		assertThat(section(html, "documents")).contains(SummaryDocument.DOCUMENT);
		// The order of the first screen: allergies and contraindications first.
		assertThat(html.indexOf("data-section=\"allergies\"")).isLessThan(html.indexOf("data-section=\"contraindications\""));
		assertThat(html.indexOf("data-section=\"medications\"")).isLessThan(html.indexOf("data-section=\"labs\""));
		// Usable without JavaScript.
		assertThat(html).doesNotContain("<script");
		// A standalone session searches again in place.
		assertThat(html).contains("<a href=\"/er\">別の患者を検索</a>");

		List<InMemoryFhirServer.RecordedRequest> calls = FHIR.requests().subList(before, FHIR.requests().size());
		assertThat(calls).singleElement().satisfies(call -> {
			assertThat(call.path()).isEqualTo("/fhir/Patient/" + SummaryDocument.PATIENT_ID + "/$summary");
			assertThat(call.authorization()).isEqualTo("Bearer " + TOKEN);
			assertThat(call.purposeOfUse()).isNull();
		});
	}

	@Test
	void theFirstScreenWeighsAtMost150KilobytesWithItsStylesheet() throws Exception {
		byte[] page = mvc.perform(get("/er/patient/" + SummaryDocument.PATIENT_ID).session(session)).andReturn()
				.getResponse().getContentAsByteArray();
		byte[] css = getClass().getResourceAsStream("/static/css/app.css").readAllBytes();

		// Uncompressed; on the wire gzip (server.compression) makes it a fraction of this.
		assertThat(page.length + css.length).as("bytes of HTML + CSS").isLessThanOrEqualTo(150 * 1024);
		System.out.printf("ER first screen: %d bytes HTML + %d bytes CSS%n", page.length, css.length);
	}

	/**
	 * The first screen on a 360 px phone in Chromium: no horizontal scrolling; the screenshot
	 * ({@code target/browser-er-summary-phone.png}) is the one in the README.
	 */
	@Test
	void onA360PixelPhoneTheScreenFitsWithoutHorizontalScrolling() throws Exception {
		String html = mvc.perform(get("/er/patient/" + SummaryDocument.PATIENT_ID).session(session)).andReturn()
				.getResponse().getContentAsString(StandardCharsets.UTF_8);
		String css = new String(getClass().getResourceAsStream("/static/css/app.css").readAllBytes(), StandardCharsets.UTF_8);
		// The page as a file, with its stylesheet inline (the browser has no session with the app here).
		java.nio.file.Path file = java.nio.file.Path.of("target", "er-summary-phone.html").toAbsolutePath();
		java.nio.file.Files.createDirectories(file.getParent());
		java.nio.file.Files.writeString(file, html.replaceFirst("<link rel=\"stylesheet\"[^>]*>", "<style>" +
				java.util.regex.Matcher.quoteReplacement(css) + "</style>"));
		try (jp.renkei.apps.it.Chromium phone = jp.renkei.apps.it.Chromium.phone()) {
			phone.open(file.toUri().toString());
			phone.waitForElement("section[data-section=allergies]");
			assertThat(phone.overflowPixels()).as("horizontal overflow at 360 px").isLessThanOrEqualTo(0);
			assertThat(phone.text("section[data-section=allergies]")).contains(SummaryDocument.ALLERGY, SummaryDocument.HOSPITAL);
			phone.screenshot("er-summary-phone");
		}
	}

	@Test
	void inEnglishTheHeadingsAreEnglishAndTheDataUnchanged() throws Exception {
		String html = mvc.perform(get("/er/patient/" + SummaryDocument.PATIENT_ID + "?lang=en").session(session)).andReturn()
				.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(html).contains("<html lang=\"en\">", "Allergies", "Drug contraindications", SummaryDocument.ALLERGY,
				"also recorded by " + SummaryDocument.CLINIC, "1950-04-01 (76 y)");
	}

	@Test
	void emptySectionsSayNoneRecorded() throws Exception {
		String html = mvc.perform(get("/er/patient/" + EMPTY_PATIENT).session(session)).andReturn()
				.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(section(html, "allergies")).contains("記録なし");
		assertThat(section(html, "labs")).contains("記録なし");
	}

	@Test
	void anUnknownOrHiddenPatientGetsOneMessageAndTheEmergencyButton() throws Exception {
		MvcResult hidden = mvc.perform(get("/er/patient/" + HIDDEN_PATIENT).session(session)).andReturn();
		MvcResult malformed = mvc.perform(get("/er/patient/no$such").session(session)).andReturn();

		assertThat(hidden.getResponse().getStatus()).isEqualTo(404);
		assertThat(malformed.getResponse().getStatus()).isEqualTo(404);
		String html = hidden.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(html).contains("表示できる情報がありません", "この患者の情報は見つからないか、閲覧の同意がありません。",
				"href=\"/er/patient/" + HIDDEN_PATIENT + "/emergency\"").doesNotContain("Exception", "HAPI");
	}

	@Test
	void emergencyAccessSendsTheReasonPercentEncodedThenKeepsTheWindowWithoutIt() throws Exception {
		String reason = "救急搬送、意識障害のため既往歴を確認";
		MvcResult missing = mvc.perform(post("/er/patient/" + SummaryDocument.PATIENT_ID + "/emergency").session(session)
				.param("_csrf", csrf).param("reason", "  ")).andReturn();
		assertThat(missing.getResponse().getStatus()).isEqualTo(400);
		assertThat(missing.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("理由を入力してください。");

		int before = FHIR.requests().size();
		MvcResult opened = mvc.perform(post("/er/patient/" + SummaryDocument.PATIENT_ID + "/emergency").session(session)
				.param("_csrf", csrf).param("reason", reason)).andReturn();
		assertThat(opened.getResponse().getStatus()).isEqualTo(302);
		assertThat(opened.getResponse().getRedirectedUrl()).isEqualTo("/er/patient/" + SummaryDocument.PATIENT_ID);
		InMemoryFhirServer.RecordedRequest call = FHIR.requests().get(before);
		assertThat(call.purposeOfUse()).isEqualTo("BTG");
		assertThat(call.emergencyPatient()).isEqualTo("Patient/" + SummaryDocument.PATIENT_ID);
		assertThat(call.emergencyReason()).doesNotContain("+").matches("[\\x21-\\x7e]+");
		assertThat(URLDecoder.decode(call.emergencyReason(), StandardCharsets.UTF_8)).isEqualTo(reason);

		mvc.perform(get("/er/patient/" + SummaryDocument.PATIENT_ID).session(session)).andReturn();
		InMemoryFhirServer.RecordedRequest again = FHIR.requests().get(FHIR.requests().size() - 1);
		assertThat(again.purposeOfUse()).isEqualTo("BTG");
		assertThat(again.emergencyPatient()).isEqualTo("Patient/" + SummaryDocument.PATIENT_ID);
		assertThat(again.emergencyReason()).isNull();
	}

	@Test
	void aFormWithoutTheSessionsCsrfTokenIsRefused() throws Exception {
		int before = FHIR.requests().size();
		MvcResult forged = mvc.perform(post("/er/patient/" + SummaryDocument.PATIENT_ID + "/emergency").session(session)
				.param("reason", "forged")).andReturn();
		assertThat(forged.getResponse().getStatus()).isEqualTo(400);
		assertThat(FHIR.requests()).hasSize(before);
	}

	@Test
	void withoutASessionThePageSaysItExpired() throws Exception {
		MvcResult result = mvc.perform(get("/er/patient/" + SummaryDocument.PATIENT_ID)).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(401);
		assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8))
				.contains("セッションの有効期限が切れました", "href=\"/er/start\"").doesNotContain("田中");
	}

	@Test
	void whenTheFhirServerRefusesTheTokenTheSessionEndsWithTheExpiredPage() throws Exception {
		MvcResult refused = mvc.perform(get("/er/patient/" + TOKEN_REFUSED).session(session)).andReturn();
		assertThat(refused.getResponse().getStatus()).isEqualTo(401);
		assertThat(refused.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("セッションの有効期限が切れました");

		MvcResult next = mvc.perform(get("/er/patient/" + SummaryDocument.PATIENT_ID).session(session)).andReturn();
		assertThat(next.getResponse().getStatus()).isEqualTo(401);
	}

	private static String section(String html, String code) {
		int start = html.indexOf("data-section=\"" + code + "\"");
		assertThat(start).as("section " + code).isPositive();
		int end = html.indexOf("</section>", start);
		return html.substring(start, end);
	}

	/** {@code Patient/{id}/$summary}: the C3 document for the test patient, 404 for the hidden one. */
	public static final class SummaryProvider implements IResourceProvider {

		@Override
		public Class<Patient> getResourceType() {
			return Patient.class;
		}

		@Operation(name = "$summary", idempotent = true, type = Patient.class)
		public Bundle summary(@IdParam IdType id) {
			return switch (id.getIdPart()) {
				case SummaryDocument.PATIENT_ID -> SummaryDocument.full();
				case EMPTY_PATIENT -> SummaryDocument.empty();
				case TOKEN_REFUSED -> throw new AuthenticationException("the access token is no longer valid");
				default -> throw new ResourceNotFoundException(id);
			};
		}
	}
}
