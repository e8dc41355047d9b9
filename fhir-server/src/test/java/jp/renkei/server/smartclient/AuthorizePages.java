package jp.renkei.server.smartclient;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import jp.renkei.server.JpCoreExamples;
import org.hl7.fhir.r4.model.Patient;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * What the browser tests need from our server besides the app: registering the app (admin API),
 * test data, an EHR launch id, and the sign-in and approval pages. The page selectors, users and
 * endpoints are gathered here, so that a change of the authorization pages is adapted in one place.
 * Users, secrets and passwords are the test-only ones of src/test/resources/config/application.yaml.
 */
final class AuthorizePages {

	// The sign-in page (/auth/login) and the approval page (/auth/authorize/consent).
	static final By USERNAME = By.name("username");
	static final By PASSWORD = By.name("password");
	static final By SIGN_IN = By.cssSelector("form[action$='/auth/login'] button[type=submit]");
	static final By APPROVE = By.cssSelector("button[name=decision][value=approve]");

	// Test-only users (config/application.yaml, users).
	static final String PATIENT_USER = "test-patient";
	static final String PATIENT_PASSWORD = "test-only-password-patient";
	/** The record of test-patient (its fhirUser); test-doctor is launched into it as well. */
	static final String PATIENT_ID = "auth-it-pat-1";
	static final String DOCTOR = "test-doctor";
	static final String DOCTOR_PASSWORD = "test-only-password-doctor";

	/** The EHR that creates launches (POST /auth/launch): a confidential client with scope launch. */
	static final String EHR_CLIENT = "test-confidential-app";
	static final String EHR_SECRET = "test-only-secret-for-confidential-app";
	static final String ADMIN_CLIENT = "test-admin";
	static final String ADMIN_SECRET = "test-only-admin-secret";

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
	private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);

	private AuthorizePages() {}

	/** Signs in on our login page and approves the requested scopes. */
	static void signInAndApprove(HeadlessChromium browser, String username, String password) {
		browser.waitFor(PAGE_TIMEOUT, "the sign-in page", driver -> !driver.findElements(USERNAME).isEmpty());
		WebDriver driver = browser.driver;
		driver.findElement(USERNAME).sendKeys(username);
		driver.findElement(PASSWORD).sendKeys(password);
		driver.findElement(SIGN_IN).click();
		browser.waitFor(PAGE_TIMEOUT, "the approval page", d -> !d.findElements(APPROVE).isEmpty());
		driver.findElement(APPROVE).click();
	}

	/** Registers a client through POST /auth/register with an admin token; returns its client_id. */
	static String register(int port, ObjectNode metadata) {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(origin(port) + "/auth/register"))
				.header("Authorization", "Bearer " + adminToken(port))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(metadata.toString())));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return json(response).get("client_id").asText();
	}

	/** An opaque EHR launch id for {@code patient}, bound to {@code user}, as an EHR obtains it. */
	static String ehrLaunch(int port, String patient, String user) {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(origin(port) + "/auth/launch"))
				.header("Authorization", basic(EHR_CLIENT, EHR_SECRET))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("patient=" + encode(patient) + "&user=" + encode(user))));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response).get("launch").asText();
	}

	/**
	 * Stores JP Core's example patient as {@code Patient/<id>} unless it exists, with a token of a
	 * backend client registered for the purpose (so it works whether /fhir is open or protected).
	 */
	static void ensurePatient(int port, String id, Path jpCoreExamples) {
		ObjectNode metadata = JSON.createObjectNode();
		metadata.put("client_name", "browser test data loader");
		metadata.put("token_endpoint_auth_method", "client_secret_basic");
		metadata.putArray("grant_types").add("client_credentials");
		metadata.put("scope", "system/Patient.cruds");
		// A system of the hospital the test doctor works at: the patient it stores is held there, so
		// consent lets that doctor's EHR launch read it.
		metadata.put("organization", "Organization/demo-org-h1");
		HttpResponse<String> registered = send(HttpRequest.newBuilder(URI.create(origin(port) + "/auth/register"))
				.header("Authorization", "Bearer " + adminToken(port)).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(metadata.toString())));
		JsonNode client = json(registered);
		String token = token(port, basic(client.get("client_id").asText(), client.get("client_secret").asText()), "system/Patient.cruds");
		String url = origin(port) + "/fhir/Patient/" + id;
		HttpResponse<String> existing = send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET());
		if (existing.statusCode() == 200) {
			return;
		}
		Patient patient = (Patient) JpCoreExamples.parse(jpCoreExamples.resolve("Patient-jp-patient-example-1.json"));
		patient.setId(id);
		HttpResponse<String> stored = send(HttpRequest.newBuilder(URI.create(url))
				.header("Authorization", "Bearer " + token).header("Content-Type", "application/fhir+json")
				.PUT(HttpRequest.BodyPublishers.ofString(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(patient))));
		assertThat(stored.statusCode()).as(stored.body()).isIn(200, 201);
	}

	static String adminToken(int port) {
		return token(port, basic(ADMIN_CLIENT, ADMIN_SECRET), "renkei.admin");
	}

	private static String token(int port, String authorization, String scope) {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(origin(port) + "/auth/token"))
				.header("Authorization", authorization)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + encode(scope))));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response).get("access_token").asText();
	}

	private static String origin(int port) {
		return "http://localhost:" + port;
	}

	private static String basic(String clientId, String secret) {
		return "Basic " + Base64.getEncoder().encodeToString((encode(clientId) + ":" + encode(secret)).getBytes(StandardCharsets.UTF_8));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static JsonNode json(HttpResponse<String> response) {
		try {
			return JSON.readTree(response.body());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
