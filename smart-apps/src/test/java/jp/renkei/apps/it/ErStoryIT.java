package jp.renkei.apps.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The ER story in a real browser against the real FHIR server: EHR launch -> summary with the right
 * allergy; standalone search on a 360 px phone; emergency access with a reason; the denied path with
 * one message that leaks nothing.
 *
 * <p>The server must offer {@code Patient/$summary} and {@code Patient/$match}: a server without
 * them fails these tests.
 */
class ErStoryIT extends AbstractSmartIT {

	@BeforeEach
	void serverHasTheOperations() {
		assertThat(server().offersPatientOperation("summary")).as("the FHIR server offers Patient/[id]/$summary").isTrue();
		assertThat(server().offersPatientOperation("match")).as("the FHIR server offers Patient/$match").isTrue();
	}

	@Test
	void anEhrLaunchShowsTheSummaryWithThePatientsAllergyAndItsFacility() {
		try (Chromium browser = Chromium.desktop()) {
			try {
				launchFromSimulator(browser, RegionalServer.ER_PATIENT);
				browser.waitForElement("section[data-section=allergies]");
				assertThat(browser.text(".banner .name")).isEqualTo(RegionalServer.ER_PATIENT_NAME);
				String allergies = browser.text("section[data-section=allergies]");
				assertThat(allergies).contains(RegionalServer.ER_PATIENT_ALLERGY, "じん麻疹", "救急テスト病院", "2022-08-03");
				assertThat(browser.driver.getPageSource()).doesNotContain(RegionalServer.CLINIC_PATIENT_ALLERGY);
			} catch (AssertionError | RuntimeException e) {
				browser.screenshot("er-ehr-launch");
				throw e;
			}
		}
	}

	@Test
	void aStandaloneSearchOnA360PixelPhoneFindsThePatientByKanaAndBirthDate() {
		try (Chromium phone = Chromium.phone()) {
			try {
				phone.open(apps() + "/er/start");
				signIn(phone, RegionalServer.ER_DOCTOR, RegionalServer.ER_DOCTOR_PASSWORD);
				decide(phone, true);
				phone.waitForElement("form.search");
				// Hiragana: the server folds it to the katakana of the record.
				phone.type("input[name=kana]", "やまだ たろう");
				((JavascriptExecutor) phone.driver).executeScript("document.querySelector('input[name=birthDate]').value='1970-01-01'");
				phone.click("form.search button[type=submit]");
				phone.waitForElement(".candidates");
				assertThat(phone.overflowPixels()).isLessThanOrEqualTo(0);
				phone.click(".candidate[data-patient='" + RegionalServer.ER_PATIENT + "'] a");
				phone.waitForElement("section[data-section=allergies]");
				assertThat(phone.text("section[data-section=allergies]")).contains(RegionalServer.ER_PATIENT_ALLERGY);
				assertThat(phone.overflowPixels()).as("horizontal overflow at 360 px").isLessThanOrEqualTo(0);
				phone.screenshot("er-story-phone");
			} catch (AssertionError | RuntimeException e) {
				phone.screenshot("er-standalone");
				throw e;
			}
		}
	}

	@Test
	void emergencyAccessNeedsAReasonThenShowsTheRecordWithoutConsent() {
		try (Chromium browser = Chromium.desktop()) {
			try {
				browser.open(apps() + "/er/start");
				signIn(browser, RegionalServer.ER_DOCTOR, RegionalServer.ER_DOCTOR_PASSWORD);
				decide(browser, true);
				browser.waitForElement("form.search");

				browser.open(apps() + "/er/patient/" + RegionalServer.CLINIC_PATIENT);
				assertThat(browser.text("h1")).isEqualTo("表示できる情報がありません");
				browser.click("a.emergency");
				browser.waitForElement("textarea[name=reason]");
				// The browser would refuse an empty required field; the server must too.
				((JavascriptExecutor) browser.driver).executeScript("document.querySelector('textarea[name=reason]').removeAttribute('required')");
				browser.click("button.emergency");
				browser.waitForElement(".problem");
				assertThat(browser.text(".problem")).isEqualTo("理由を入力してください。");

				browser.type("textarea[name=reason]", "救急搬送、意識障害のため既往歴を確認");
				browser.click("button.emergency");
				browser.waitForElement("section[data-section=allergies]");
				assertThat(browser.text(".banner .name")).isEqualTo(RegionalServer.CLINIC_PATIENT_NAME);
				assertThat(browser.text("section[data-section=allergies]")).contains(RegionalServer.CLINIC_PATIENT_ALLERGY, "テスト診療所");

				// The window stays open: the summary again, without asking for a reason.
				browser.open(apps() + "/er/patient/" + RegionalServer.CLINIC_PATIENT);
				browser.waitForElement("section[data-section=allergies]");
			} catch (AssertionError | RuntimeException e) {
				browser.screenshot("er-emergency");
				throw e;
			}
		}
	}

	@Test
	void withoutConsentThePageSaysOneThingForHiddenAndUnknownPatientsAndShowsNoData() {
		try (Chromium browser = Chromium.desktop()) {
			try {
				browser.open(apps() + "/er/start");
				signIn(browser, RegionalServer.ER_DOCTOR, RegionalServer.ER_DOCTOR_PASSWORD);
				decide(browser, true);
				browser.waitForElement("form.search");

				browser.open(apps() + "/er/patient/" + RegionalServer.CLINIC_PATIENT);
				String hidden = browser.text("main");
				String hiddenSource = browser.driver.getPageSource();
				browser.open(apps() + "/er/patient/apps-it-no-such-patient");
				String unknown = browser.text("main");

				assertThat(hidden).isEqualTo(unknown).contains("この患者の情報は見つからないか、閲覧の同意がありません。");
				assertThat(hiddenSource).doesNotContain(RegionalServer.CLINIC_PATIENT_NAME, "サトウ", RegionalServer.CLINIC_PATIENT_ALLERGY,
						"テスト診療所", "1985", "00000077", "Exception");
			} catch (AssertionError | RuntimeException e) {
				browser.screenshot("er-denied");
				throw e;
			}
		}
	}
}
