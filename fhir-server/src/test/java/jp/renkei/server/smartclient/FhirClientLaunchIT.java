package jp.renkei.server.smartclient;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.renkei.server.AbstractServerIT;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;

/**
 * A real third-party SMART app: the {@code fhirclient} library from npm in pages served by
 * {@link SmartAppServer}, in headless Chromium, against the running server. The app is registered
 * through the registration API (public client, its loopback redirect URI), as an operator would.
 *
 * <p>The first leg (discovery and the request to our authorization endpoint with PKCE S256,
 * {@code aud} and {@code state}) is checked on its own for standalone and EHR launches; then both
 * launches are completed: sign-in and approval on our pages, the code exchange by fhirclient, and
 * the app reading the patient in context from the protected /fhir with its token.
 */
class FhirClientLaunchIT extends AbstractServerIT {

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);
	private static final String STANDALONE_SCOPE = "openid fhirUser launch/patient patient/Patient.rs";
	private static final String EHR_SCOPE = "launch openid fhirUser patient/Patient.rs";

	@Test
	void aStandaloneLaunchDiscoversOurEndpointsAndRedirectsToAuthorizeWithPkce() throws Exception {
		try (SmartAppServer app = registeredApp(STANDALONE_SCOPE); HeadlessChromium browser = new HeadlessChromium()) {
			inBrowser(browser, "standalone-first-leg", () -> {
				browser.open(app.launchUri() + "?standalone");

				Map<String, String> request = authorizationRequest(browser);
				assertThat(request).containsEntry("response_type", "code")
						.containsEntry("client_id", app.clientId())
						.containsEntry("redirect_uri", app.redirectUri())
						.containsEntry("aud", fhirBase())
						.containsEntry("scope", STANDALONE_SCOPE)
						.containsEntry("code_challenge_method", "S256")
						.doesNotContainKey("launch");
				assertThat(request.get("state")).isNotBlank();
				assertThat(request.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
			});
		}
	}

	@Test
	void anEhrLaunchPassesTheLaunchIdAndAsksForTheLaunchScope() throws Exception {
		try (SmartAppServer app = registeredApp(EHR_SCOPE); HeadlessChromium browser = new HeadlessChromium()) {
			inBrowser(browser, "ehr-first-leg", () -> {
				browser.open(app.launchUri() + "?iss=" + fhirBase() + "&launch=opaque-launch-123");

				Map<String, String> request = authorizationRequest(browser);
				assertThat(request).containsEntry("launch", "opaque-launch-123")
						.containsEntry("aud", fhirBase())
						.containsEntry("client_id", app.clientId())
						.containsEntry("code_challenge_method", "S256");
				assertThat(request.get("scope").split(" ")).contains("launch", "patient/Patient.rs");
			});
		}
	}

	@Test
	void aPatientCompletesAStandaloneLaunchAndTheAppReadsTheirRecord() throws Exception {
		AuthorizePages.ensurePatient(port, AuthorizePages.PATIENT_ID, fhirPackages().resolve("jp-core-examples"));
		try (SmartAppServer app = registeredApp(STANDALONE_SCOPE); HeadlessChromium browser = new HeadlessChromium()) {
			inBrowser(browser, "standalone-complete", () -> {
				browser.open(app.launchUri() + "?standalone");
				AuthorizePages.signInAndApprove(browser, AuthorizePages.PATIENT_USER, AuthorizePages.PATIENT_PASSWORD);

				assertAppShowsPatient(browser, app, AuthorizePages.PATIENT_ID);
			});
		}
	}

	@Test
	void aDoctorCompletesAnEhrLaunchAndTheAppReadsThePatientInContext() throws Exception {
		AuthorizePages.ensurePatient(port, AuthorizePages.PATIENT_ID, fhirPackages().resolve("jp-core-examples"));
		String launch = AuthorizePages.ehrLaunch(port, AuthorizePages.PATIENT_ID, AuthorizePages.DOCTOR);
		try (SmartAppServer app = registeredApp(EHR_SCOPE); HeadlessChromium browser = new HeadlessChromium()) {
			inBrowser(browser, "ehr-complete", () -> {
				browser.open(app.launchUri() + "?iss=" + fhirBase() + "&launch=" + launch);
				AuthorizePages.signInAndApprove(browser, AuthorizePages.DOCTOR, AuthorizePages.DOCTOR_PASSWORD);

				assertAppShowsPatient(browser, app, AuthorizePages.PATIENT_ID);
			});
		}
	}

	private void assertAppShowsPatient(HeadlessChromium browser, SmartAppServer app, String patientId) throws Exception {
		String status = browser.waitFor(PAGE_TIMEOUT, "the app page finishes (#status done or failed)", driver ->
				driver.getCurrentUrl().startsWith(app.redirectUri())
						&& !driver.findElements(By.id("status")).isEmpty()
						&& !driver.findElement(By.id("status")).getText().equals("waiting")
						? driver.findElement(By.id("status")).getText() : null);
		assertThat(status).as(() -> "app error: " + browser.text("#error")).isEqualTo("done");
		assertThat(browser.text("#patient-id")).isEqualTo(patientId);
		JsonNode patient = JSON.readTree(browser.text("#patient"));
		assertThat(patient.get("resourceType").asText()).isEqualTo("Patient");
		assertThat(patient.get("id").asText()).isEqualTo(patientId);
	}

	/**
	 * Waits for the browser to request our authorization endpoint and returns that request's
	 * parameters. Read from the browser's network log, since the endpoint answers with a redirect
	 * (to the sign-in page, or back to the app with an error for a made-up launch id).
	 */
	private Map<String, String> authorizationRequest(HeadlessChromium browser) {
		String authorize = authBase() + "/authorize?";
		List<String> seen = new ArrayList<>();
		String url;
		try {
			url = browser.waitFor(PAGE_TIMEOUT, "fhirclient requests " + authorize, driver -> {
				seen.addAll(browser.requestedUrls());
				return seen.stream().filter(requested -> requested.startsWith(authorize)).findFirst().orElse(null);
			});
		} catch (TimeoutException e) {
			throw new AssertionError("fhirclient did not request " + authorize + "; the browser requested " + seen
					+ "; the page says: " + browser.text("body"), e);
		}
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String pair : URI.create(url).getRawQuery().split("&")) {
			int equals = pair.indexOf('=');
			parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
		}
		return parameters;
	}

	/** Starts the app's pages and registers the app through the registration API (a public client with PKCE). */
	private SmartAppServer registeredApp(String scope) throws Exception {
		SmartAppServer app = new SmartAppServer(scope, fhirBase());
		try {
			ObjectNode metadata = JSON.createObjectNode();
			metadata.put("client_name", "fhirclient " + FhirClientJs.VERSION + " テストアプリ");
			metadata.put("token_endpoint_auth_method", "none");
			metadata.putArray("grant_types").add("authorization_code");
			metadata.putArray("redirect_uris").add(app.redirectUri());
			metadata.put("launch_uri", app.launchUri());
			metadata.put("scope", "launch launch/patient openid fhirUser patient/Patient.rs");
			app.useClientId(AuthorizePages.register(port, metadata));
			return app;
		} catch (Exception | Error e) {
			app.close();
			throw e;
		}
	}

	private static void inBrowser(HeadlessChromium browser, String name, ThrowingRunnable test) throws Exception {
		try {
			test.run();
		} catch (Exception | AssertionError e) {
			browser.screenshot(name);
			throw e;
		}
	}

	@FunctionalInterface
	private interface ThrowingRunnable {
		void run() throws Exception;
	}

	private String fhirBase() {
		return "http://localhost:" + port + "/fhir";
	}

	private String authBase() {
		return "http://localhost:" + port + "/auth";
	}
}
