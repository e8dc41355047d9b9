package jp.renkei.apps.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the end-to-end tests: the apps on a fixed free port (the FHIR server registers their
 * redirect and launch URIs with it) against the real FHIR server of {@link RegionalServer}, as the
 * client {@code renkei-apps} with the test-only key {@code src/test/resources/apps-it/renkei-apps.jwk.json}.
 * One Spring context for all subclasses (same configuration: keep it so).
 *
 * <p>{@code refresh-before} is the whole token lifetime (5 minutes), so every call to the FHIR server
 * first refreshes the access token with the refresh token: the refresh path runs on every page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
public abstract class AbstractSmartIT {

	protected static final int APPS_PORT = RegionalServer.freePort();
	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@DynamicPropertySource
	static void appsAgainstTheRealServer(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> APPS_PORT);
		registry.add("renkei.apps.fhir-base-url", () -> server().fhirBase());
		registry.add("renkei.apps.backend-services.enabled", () -> "true");
		registry.add("renkei.apps.backend-services.key-directory", AbstractSmartIT::testKeyDirectory);
		registry.add("renkei.apps.smart.app-base-url", () -> apps());
		registry.add("renkei.apps.smart.refresh-before", () -> "5m");
	}

	protected static RegionalServer server() {
		return RegionalServer.start(APPS_PORT);
	}

	/** The apps' origin (localhost, like the FHIR server: the browser sees one site, two ports). */
	protected static String apps() {
		return "http://localhost:" + APPS_PORT;
	}

	private static String testKeyDirectory() {
		try {
			Path directory = Files.createTempDirectory("renkei-apps-it-keys-");
			try (InputStream key = AbstractSmartIT.class.getResourceAsStream("/apps-it/renkei-apps.jwk.json")) {
				Files.copy(key, directory.resolve("renkei-apps.jwk.json"));
			}
			return directory.toString();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A plain HTTP GET of the apps (no cookie, no redirects followed), as a browser asks for HTML. */
	protected static HttpResponse<String> get(String pathAndQuery) {
		try {
			return HTTP.send(HttpRequest.newBuilder(URI.create(apps() + pathAndQuery)).header("Accept", "text/html")
					.timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** Signs in on the FHIR server's sign-in page (the browser is on it or on its way). */
	protected static void signIn(Chromium browser, String username, String password) {
		browser.waitForElement("input[name=username]");
		browser.type("input[name=username]", username);
		browser.type("input[name=password]", password);
		browser.click("form[action$='/auth/login'] button[type=submit]");
	}

	/** Approves (or denies) the scopes on the FHIR server's approval page. */
	protected static void decide(Chromium browser, boolean approve) {
		String button = "button[name=decision][value=" + (approve ? "approve" : "deny") + "]";
		browser.waitForElement(button);
		browser.click(button);
	}

	/** The EHR launch as the launch simulator does it: sign in there, choose the patient, launch renkei-apps. */
	protected static void launchFromSimulator(Chromium browser, String patientId) {
		browser.open(server().origin() + "/launch-simulator");
		signIn(browser, RegionalServer.ER_DOCTOR, RegionalServer.ER_DOCTOR_PASSWORD);
		browser.waitForElement("form[action$='/launch-simulator']");
		browser.open(server().origin() + "/launch-simulator?patient=" + patientId);
		browser.waitForElement("input[name=app][value=renkei-apps]");
		browser.click("input[name=app][value=renkei-apps]");
		browser.click("button[name=action][value=launch]");
		decide(browser, true);
	}
}
