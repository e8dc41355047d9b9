package jp.renkei.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.renkei.server.demo.DemoRegion;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * What a SMART app does in the user-flow tests: builds an authorization request with PKCE, drives the
 * sign-in and approval pages in a {@link Browser}, and exchanges the code. Also stores the test
 * patients the users of src/test/resources/config/application.yaml refer to.
 */
final class SmartAppFlow {

	static final ObjectMapper JSON = new ObjectMapper();
	static final String PUBLIC_APP = "test-public-app";
	static final String PUBLIC_REDIRECT = "http://127.0.0.1:9/test-app/callback";
	static final String CONFIDENTIAL_APP = "test-confidential-app";
	static final String CONFIDENTIAL_SECRET = "test-only-secret-for-confidential-app";
	static final String CONFIDENTIAL_REDIRECT = "http://127.0.0.1:9/confidential/callback";
	static final String TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
	/** Patients of Organization/demo-org-h1 (test-doctor's) and one of demo-org-h2. */
	static final String PATIENT_1 = "auth-it-pat-1";
	static final String PATIENT_2 = "auth-it-pat-2";
	static final String OTHER_PATIENT = "auth-it-pat-3";
	private static final SecureRandom RANDOM = new SecureRandom();
	private static volatile boolean stored;

	final int port;
	final String verifier = random(48);
	final String state = "state-" + random(8) + "+&=/";
	final Map<String, String> request = new LinkedHashMap<>();

	SmartAppFlow(int port, String clientId, String redirectUri, String scope) {
		this.port = port;
		request.put("response_type", "code");
		request.put("client_id", clientId);
		request.put("redirect_uri", redirectUri);
		request.put("scope", scope);
		request.put("state", state);
		request.put("aud", fhirBase(port));
		request.put("code_challenge", UserTokenGrants.s256(verifier));
		request.put("code_challenge_method", "S256");
	}

	static String fhirBase(int port) {
		return "http://localhost:" + port + "/fhir";
	}

	SmartAppFlow with(String name, String value) {
		if (value == null) {
			request.remove(name);
		} else {
			request.put(name, value);
		}
		return this;
	}

	String authorizeUrl() {
		return "/auth/authorize?" + Browser.joined(request);
	}

	/** Opens the authorization request: the login page, unless the browser is signed in already. */
	Browser.Page open(Browser browser) {
		return browser.get(authorizeUrl());
	}

	static Browser.Page signIn(Browser browser, Browser.Page loginPage, String username, String password) {
		assertThat(loginPage.uri().getPath()).as(loginPage.status() + " " + loginPage.body()).isEqualTo("/auth/login");
		return browser.post("/auth/login", "_csrf", loginPage.hidden("_csrf"), "request", loginPage.hidden("request"),
				"username", username, "password", password);
	}

	/** Approves every scope offered on the approval page; answers the redirect to the app. */
	static Browser.Page approveAll(Browser browser, Browser.Page consentPage) {
		assertThat(consentPage.uri().getPath()).as(consentPage.body()).isEqualTo("/auth/authorize/consent");
		java.util.List<String> fields = new java.util.ArrayList<>(java.util.List.of(
				"_csrf", consentPage.hidden("_csrf"), "request", consentPage.hidden("request"), "decision", "approve"));
		consentPage.checkboxes("scope").forEach(scope -> {
			fields.add("scope");
			fields.add(scope);
		});
		return browser.post("/auth/authorize/consent", fields.toArray(String[]::new));
	}

	/** The code of the redirect to the app, after checking the state came back unchanged. */
	String code(Browser.Page redirect) {
		assertThat(redirect.leftTo()).as(redirect.body()).isNotNull();
		Map<String, String> parameters = redirect.redirectParameters();
		assertThat(parameters.get("state")).isEqualTo(state);
		assertThat(parameters).as("redirect " + redirect.leftTo()).containsKey("code");
		return parameters.get("code");
	}

	HttpResponse<String> exchange(String code) {
		return AuthHttp.postForm(port, "/auth/token", null, "grant_type", "authorization_code", "code", code,
				"redirect_uri", request.get("redirect_uri"), "code_verifier", verifier, "client_id", request.get("client_id"));
	}

	HttpResponse<String> exchangeConfidential(String code) {
		return AuthHttp.postForm(port, "/auth/token", AuthHttp.basic(CONFIDENTIAL_APP, CONFIDENTIAL_SECRET),
				"grant_type", "authorization_code", "code", code, "redirect_uri", request.get("redirect_uri"), "code_verifier", verifier);
	}

	static JsonNode json(HttpResponse<String> response) {
		try {
			return JSON.readTree(response.body());
		} catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	static void assertOAuthError(HttpResponse<String> response, int status, String error) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		JsonNode body = json(response);
		assertThat(body.get("error").asText()).as(response.body()).isEqualTo(error);
		assertThat(body.has("access_token")).isFalse();
		assertThat(body.has("refresh_token")).isFalse();
	}

	static String totpNow(int stepOffset) {
		long step = java.time.Instant.now().getEpochSecond() / 30 + stepOffset;
		return Totp.code(Base32.decode(TOTP_SECRET), step);
	}

	static String random(int bytes) {
		byte[] value = new byte[bytes];
		RANDOM.nextBytes(value);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** Stores Organization demo-org-h1 and -h2 and three JP Core patients (from the demo generator), once per server. */
	static synchronized void storeTestPatients(IGenericClient client) {
		if (stored) {
			return;
		}
		DemoRegion region = DemoRegion.generate(1);
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (Organization organization : region.ofType(Organization.class)) {
			String id = organization.getIdPart();
			if (id.equals("demo-org-h1") || id.equals("demo-org-h2")) {
				put(transaction, organization);
			}
		}
		Patient template = region.ofType(Patient.class).get(0);
		put(transaction, patient(template, PATIENT_1, "demo-org-h1"));
		put(transaction, patient(template, PATIENT_2, "demo-org-h1"));
		put(transaction, patient(template, OTHER_PATIENT, "demo-org-h2"));
		client.transaction().withBundle(transaction).execute();
		stored = true;
	}

	private static Patient patient(Patient template, String id, String organization) {
		Patient patient = template.copy();
		patient.setId(id);
		patient.setManagingOrganization(new Reference("Organization/" + organization));
		return patient;
	}

	private static void put(Bundle transaction, Resource resource) {
		String url = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
		transaction.addEntry().setFullUrl(url).setResource(resource).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(url);
	}
}
