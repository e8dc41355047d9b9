package jp.renkei.server.auth;

import static jp.renkei.server.auth.SmartAppFlow.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import jp.renkei.server.AbstractServerIT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The EHR launch simulator: sign in, choose a patient and an app, launch it as an EHR would, and the app's token carries the context. */
class LaunchSimulatorIT extends AbstractServerIT {

	@BeforeEach
	void storePatients() {
		SmartAppFlow.storeTestPatients(client());
	}

	@Test
	void launchesARegisteredAppWithTheChosenPatient() {
		Browser browser = new Browser(port);
		Browser.Page login = browser.get("/launch-simulator");
		assertThat(login.uri().getPath()).isEqualTo("/auth/login");
		Browser.Page simulator = browser.post("/auth/login", "_csrf", login.hidden("_csrf"), "next", login.hidden("next"),
				"username", "test-doctor", "password", "test-only-password-doctor");
		assertThat(simulator.uri().getPath()).as(simulator.body()).isEqualTo("/launch-simulator");
		assertThat(simulator.body()).contains(SmartAppFlow.PATIENT_1).doesNotContain(SmartAppFlow.OTHER_PATIENT);

		Browser.Page chosen = browser.get("/launch-simulator?patient=" + SmartAppFlow.PATIENT_1);
		assertThat(chosen.body()).contains(SmartAppFlow.PUBLIC_APP, "http://127.0.0.1:9/test-app/launch");
		Browser.Page inspected = browser.post("/launch-simulator", "_csrf", chosen.hidden("_csrf"), "patient", SmartAppFlow.PATIENT_1,
				"encounter", "", "app", SmartAppFlow.PUBLIC_APP, "banner", "true", "action", "inspect");
		assertThat(inspected.status()).isEqualTo(200);
		assertThat(inspected.body()).contains("&quot;patient&quot; : &quot;" + SmartAppFlow.PATIENT_1, "test-doctor",
				"http://127.0.0.1:9/test-app/launch?iss=");

		Browser.Page launched = browser.post("/launch-simulator", "_csrf", chosen.hidden("_csrf"), "patient", SmartAppFlow.PATIENT_1,
				"app", SmartAppFlow.PUBLIC_APP, "banner", "true", "action", "launch");
		assertThat(launched.leftTo()).isNotNull();
		assertThat(launched.leftTo().getPath()).isEqualTo("/test-app/launch");
		Map<String, String> launch = launched.redirectParameters();
		assertThat(launch.get("iss")).isEqualTo(SmartAppFlow.fhirBase(port));

		SmartAppFlow app = new SmartAppFlow(port, SmartAppFlow.PUBLIC_APP, SmartAppFlow.PUBLIC_REDIRECT,
				"launch openid fhirUser patient/*.rs").with("aud", launch.get("iss")).with("launch", launch.get("launch"));
		Browser.Page consent = app.open(browser);
		assertThat(consent.uri().getPath()).as("signed in already: straight to approval").isEqualTo("/auth/authorize/consent");
		HttpResponse<String> response = app.exchange(app.code(SmartAppFlow.approveAll(browser, consent)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = json(response);
		assertThat(body.get("patient").asText()).isEqualTo(SmartAppFlow.PATIENT_1);
		assertThat(body.get("need_patient_banner").asBoolean()).isTrue();
	}

	@Test
	void aPatientOfAnotherOrganizationCannotBeLaunched() {
		Browser browser = new Browser(port);
		Browser.Page login = browser.get("/launch-simulator");
		browser.post("/auth/login", "_csrf", login.hidden("_csrf"), "next", "simulator",
				"username", "test-doctor", "password", "test-only-password-doctor");
		Browser.Page simulator = browser.get("/launch-simulator?patient=" + SmartAppFlow.PATIENT_1);

		Browser.Page refused = browser.post("/launch-simulator", "_csrf", simulator.hidden("_csrf"),
				"patient", SmartAppFlow.OTHER_PATIENT, "app", SmartAppFlow.PUBLIC_APP, "action", "launch");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.leftTo()).isNull();
	}
}
