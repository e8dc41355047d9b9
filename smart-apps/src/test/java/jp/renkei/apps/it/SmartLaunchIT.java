package jp.renkei.apps.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The SMART client layer end to end: the real FHIR server and its authorization server (child
 * process), the apps, and a real browser. EHR launch from the server's launch simulator and
 * standalone launch, each completed by sign-in and approval on the server's pages; the app then reads
 * the patient with the user's token. Also: an expired session, access denied at the authorization
 * server, a launch naming a foreign {@code iss}, a forged callback.
 */
class SmartLaunchIT extends AbstractSmartIT {

	@Test
	void anEhrLaunchFromTheSimulatorShowsThePatientBannerReadWithTheUsersToken() throws Exception {
		try (Chromium browser = Chromium.desktop()) {
			try {
				launchFromSimulator(browser, RegionalServer.ER_PATIENT);
				// The ER app lands on the patient in context.
				browser.waitFor("the ER app's patient page", d -> d.getCurrentUrl().startsWith(apps() + "/er/patient/" + RegionalServer.ER_PATIENT));

				browser.open(apps() + "/smart/context");
				browser.waitForElement(".banner");
				assertThat(browser.text(".banner .name")).isEqualTo(RegionalServer.ER_PATIENT_NAME);
				assertThat(browser.text(".banner .kana")).isEqualTo("ヤマダ タロウ");
				assertThat(browser.text(".banner-facts")).contains("男性", "1970-01-01", "00000010");
				assertThat(browser.text(".facts .patient")).isEqualTo(RegionalServer.ER_PATIENT);
				assertThat(browser.text(".facts .user")).endsWith("Practitioner/" + RegionalServer.ER_DOCTOR);
				assertThat(browser.text(".facts .scope")).contains("launch", "user/*.rs");
				// The launch's smart_style_url (the server's default style) colours the page.
				assertThat(browser.driver.getPageSource()).contains("--smart-highlight:#0b5cad");

				// Each FHIR call refreshes the token first (refresh-before = the token lifetime in these tests).
				String expiry = browser.text(".facts .expires");
				Thread.sleep(1500);
				browser.open(apps() + "/smart/context");
				browser.waitForElement(".banner");
				assertThat(browser.text(".facts .expires")).isNotEqualTo(expiry);
				assertThat(browser.text(".banner .name")).isEqualTo(RegionalServer.ER_PATIENT_NAME);
			} catch (AssertionError | RuntimeException e) {
				browser.screenshot("smart-ehr-launch");
				throw e;
			}
		}
	}

	@Test
	void aStandaloneLaunchOnAPhoneLandsOnTheSearchThatFits360Pixels() {
		try (Chromium phone = Chromium.phone()) {
			try {
				phone.open(apps() + "/er/start");
				signIn(phone, RegionalServer.ER_DOCTOR, RegionalServer.ER_DOCTOR_PASSWORD);
				decide(phone, true);
				phone.waitForElement("form.search");
				assertThat(phone.currentUrl()).isEqualTo(apps() + "/er");
				assertThat(phone.text("h1")).isEqualTo("患者検索");
				assertThat(phone.overflowPixels()).as("horizontal overflow at 360 px").isLessThanOrEqualTo(0);

				phone.open(apps() + "/smart/context");
				assertThat(phone.text(".facts .user")).endsWith("Practitioner/" + RegionalServer.ER_DOCTOR);
				assertThat(phone.text(".facts .patient")).isEqualTo("-");
				assertThat(phone.has(".banner")).isFalse();

				// The session ends (here: its cookie is gone, as after the timeout): a clear page with a way back.
				phone.driver.manage().deleteCookieNamed("RENKEI_APPS_SESSION");
				phone.open(apps() + "/er");
				assertThat(phone.text("h1")).isEqualTo("セッションの有効期限が切れました");
				assertThat(phone.driver.findElement(org.openqa.selenium.By.cssSelector("a.relaunch")).getAttribute("href"))
						.isEqualTo(apps() + "/er/start");
				assertThat(phone.overflowPixels()).isLessThanOrEqualTo(0);
			} catch (AssertionError | RuntimeException e) {
				phone.screenshot("smart-standalone");
				throw e;
			}
		}
	}

	@Test
	void declinedApprovalShowsAccessDenied() {
		try (Chromium browser = Chromium.desktop()) {
			try {
				browser.open(apps() + "/er/start");
				signIn(browser, RegionalServer.ER_DOCTOR, RegionalServer.ER_DOCTOR_PASSWORD);
				decide(browser, false);
				browser.waitForElement("main.smart-denied");
				assertThat(browser.text("h1")).isEqualTo("アクセスが許可されませんでした");
				assertThat(browser.driver.getPageSource()).doesNotContain("Exception", "access_denied");
				// No session was made: the app's pages still ask to sign in.
				browser.open(apps() + "/er");
				assertThat(browser.text("h1")).isEqualTo("セッションの有効期限が切れました");
			} catch (AssertionError | RuntimeException e) {
				browser.screenshot("smart-denied");
				throw e;
			}
		}
	}

	@Test
	void withoutASessionTheAppsAnswer401WithARelaunchLinkInJapaneseOrEnglish() {
		server();
		HttpResponse<String> page = get("/er");
		assertThat(page.statusCode()).isEqualTo(401);
		assertThat(page.body()).contains("セッションの有効期限が切れました", "href=\"/er/start\"").doesNotContain("Exception");

		HttpResponse<String> english = get("/er/patient/" + RegionalServer.ER_PATIENT + "?lang=en");
		assertThat(english.statusCode()).isEqualTo(401);
		assertThat(english.body()).contains("Your session has expired").doesNotContain(RegionalServer.ER_PATIENT_NAME);
	}

	@Test
	void anEhrLaunchFromAnotherIssIsRefusedAndNeverFollowed() {
		server();
		HttpResponse<String> page = get("/er/launch?iss=https%3A%2F%2Fattacker.example%2Ffhir&launch=abc");
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.headers().firstValue("Location")).isEmpty();
		assertThat(page.body()).contains("起動できませんでした").doesNotContain("attacker.example");

		HttpResponse<String> ours = get("/er/launch?iss=" + java.net.URLEncoder.encode(server().fhirBase(), java.nio.charset.StandardCharsets.UTF_8)
				+ "&launch=abc");
		assertThat(ours.statusCode()).isEqualTo(302);
		assertThat(ours.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
				.startsWith(server().origin() + "/auth/authorize?")
				.contains("code_challenge_method=S256", "launch=abc", "client_id=renkei-apps", "nonce=", "state=",
						"aud=" + java.net.URLEncoder.encode(server().fhirBase(), java.nio.charset.StandardCharsets.UTF_8)));
	}

	@Test
	void aCallbackWithoutAStateOfOursIsRefused() {
		server();
		HttpResponse<String> page = get("/smart/callback?code=stolen&state=forged");
		assertThat(page.statusCode()).isEqualTo(401);
		assertThat(page.body()).contains("セッションの有効期限が切れました");
	}

}
