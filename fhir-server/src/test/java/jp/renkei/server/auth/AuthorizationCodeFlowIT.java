package jp.renkei.server.auth;

import static jp.renkei.server.auth.SmartAppFlow.assertOAuthError;
import static jp.renkei.server.auth.SmartAppFlow.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import jp.renkei.server.AbstractServerIT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The SMART authorization code flow over real HTTP, driven through the HTML pages as a browser
 * would: standalone launch (practitioner with the patient picker, patient user without), EHR launch,
 * TOTP, lock-out, narrowing on the approval page, id_token, refresh rotation and reuse detection.
 */
class AuthorizationCodeFlowIT extends AbstractServerIT {

	private static final String DOCTOR_PASSWORD = "test-only-password-doctor";

	@Autowired
	private AccessTokenVerifier verifier;

	@BeforeEach
	void storePatients() {
		SmartAppFlow.storeTestPatients(client());
	}

	@Test
	void standaloneLaunchByAPractitionerChoosesAPatientAndGetsTokensWithContext() throws Exception {
		Browser browser = new Browser(port);
		SmartAppFlow app = new SmartAppFlow(port, SmartAppFlow.PUBLIC_APP, SmartAppFlow.PUBLIC_REDIRECT,
				"openid fhirUser launch/patient patient/*.rs offline_access").with("nonce", "nonce-123");

		Browser.Page picker = SmartAppFlow.signIn(browser, app.open(browser), "test-doctor", DOCTOR_PASSWORD);

		assertThat(picker.uri().getPath()).as(picker.body()).isEqualTo("/auth/authorize/patient");
		assertThat(picker.body()).contains(SmartAppFlow.PATIENT_1, SmartAppFlow.PATIENT_2).doesNotContain(SmartAppFlow.OTHER_PATIENT);
		Browser.Page consent = browser.post("/auth/authorize/patient", "_csrf", picker.hidden("_csrf"),
				"request", picker.hidden("request"), "patient", SmartAppFlow.PATIENT_1);
		assertThat(consent.body()).contains("この患者の", "試験 医師");
		HttpResponse<String> response = app.exchange(app.code(SmartAppFlow.approveAll(browser, consent)));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
		JsonNode body = json(response);
		assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
		assertThat(body.get("expires_in").asLong()).isEqualTo(300);
		assertThat(body.get("scope").asText()).isEqualTo("openid fhirUser launch/patient patient/*.rs offline_access");
		assertThat(body.get("patient").asText()).isEqualTo(SmartAppFlow.PATIENT_1);
		assertThat(body.get("need_patient_banner").asBoolean()).isTrue();
		assertThat(body.get("smart_style_url").asText()).isEqualTo("http://localhost:" + port + "/auth/smart-style.json");
		assertThat(body.get("refresh_token").asText()).isNotBlank();

		Caller caller = verifier.verify(body.get("access_token").asText());
		assertThat(caller.subject()).isEqualTo("test-doctor");
		assertThat(caller.clientId()).isEqualTo(SmartAppFlow.PUBLIC_APP);
		assertThat(caller.fhirUser()).contains("Practitioner/demo-prac-h1-1");
		assertThat(caller.organization()).contains("Organization/demo-org-h1");
		assertThat(caller.patient()).contains(SmartAppFlow.PATIENT_1);
		assertThat(caller.roles()).containsExactly("emergency");
		assertThat(caller.scopes()).contains("patient/*.rs");

		SignedJWT idToken = SignedJWT.parse(body.get("id_token").asText());
		JWKSet keys = JWKSet.parse(AuthHttp.get(port, "/auth/jwks").body());
		assertThat(idToken.verify(new RSASSAVerifier((RSAKey) keys.getKeyByKeyId(idToken.getHeader().getKeyID())))).isTrue();
		JWTClaimsSet claims = idToken.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo(SmartAppFlow.fhirBase(port));
		assertThat(claims.getAudience()).containsExactly(SmartAppFlow.PUBLIC_APP);
		assertThat(claims.getSubject()).isEqualTo("test-doctor");
		assertThat(claims.getStringClaim("nonce")).isEqualTo("nonce-123");
		assertThat(claims.getStringClaim("fhirUser")).isEqualTo(SmartAppFlow.fhirBase(port) + "/Practitioner/demo-prac-h1-1");
		assertThat(claims.getExpirationTime()).isAfter(claims.getIssueTime());

		HttpResponse<String> introspection = AuthHttp.postForm(port, "/auth/introspect",
				AuthHttp.basic(TestBackendClient.RESOURCE_SERVER_ID, TestBackendClient.RESOURCE_SERVER_SECRET),
				"token", body.get("access_token").asText());
		assertThat(json(introspection).get("active").asBoolean()).isTrue();
		assertThat(json(introspection).get("patient").asText()).isEqualTo(SmartAppFlow.PATIENT_1);
	}

	@Test
	void aPractitionerCannotPickAPatientOfAnotherOrganization() {
		Browser browser = new Browser(port);
		SmartAppFlow app = new SmartAppFlow(port, SmartAppFlow.PUBLIC_APP, SmartAppFlow.PUBLIC_REDIRECT, "launch/patient patient/*.rs");
		Browser.Page picker = SmartAppFlow.signIn(browser, app.open(browser), "test-doctor", DOCTOR_PASSWORD);

		Browser.Page refused = browser.post("/auth/authorize/patient", "_csrf", picker.hidden("_csrf"),
				"request", picker.hidden("request"), "patient", SmartAppFlow.OTHER_PATIENT);

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.leftTo()).isNull();
		Browser.Page skipped = browser.get("/auth/authorize/consent?request=" + picker.hidden("request"));
		assertThat(skipped.uri().getPath()).as("the picker cannot be skipped").isEqualTo("/auth/authorize/patient");
		Browser.Page approvedAround = browser.post("/auth/authorize/consent", "_csrf", picker.hidden("_csrf"),
				"request", picker.hidden("request"), "decision", "approve", "scope", "patient/*.rs");
		assertThat(approvedAround.leftTo()).as("no code without a patient").isNull();
		assertThat(approvedAround.uri().getPath()).isEqualTo("/auth/authorize/patient");
	}

	@Test
	void aPatientUserGetsTheirOwnRecordWithoutAPicker() throws Exception {
		Browser browser = new Browser(port);
		SmartAppFlow app = new SmartAppFlow(port, SmartAppFlow.PUBLIC_APP, SmartAppFlow.PUBLIC_REDIRECT,
				"openid fhirUser launch/patient patient/*.rs");

		Browser.Page consent = SmartAppFlow.signIn(browser, app.open(browser), "test-patient", "test-only-password-patient");
		HttpResponse<String> response = app.exchange(app.code(SmartAppFlow.approveAll(browser, consent)));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = json(response);
		assertThat(body.get("patient").asText()).isEqualTo(SmartAppFlow.PATIENT_1);
		assertThat(body.has("refresh_token")).isFalse();
		Caller caller = verifier.verify(body.get("access_token").asText());
		assertThat(caller.fhirUser()).contains("Patient/" + SmartAppFlow.PATIENT_1);
		assertThat(caller.patient()).contains(SmartAppFlow.PATIENT_1);
		assertThat(caller.roles()).isEmpty();
		assertThat(SignedJWT.parse(body.get("id_token").asText()).getJWTClaimsSet().getStringClaim("fhirUser"))
				.isEqualTo(SmartAppFlow.fhirBase(port) + "/Patient/" + SmartAppFlow.PATIENT_1);
	}

	@Test
	void anEhrLaunchBindsItsContextOnceForTheUserItWasMadeFor() throws Exception {
		HttpResponse<String> created = AuthHttp.postForm(port, "/auth/launch",
				AuthHttp.basic(SmartAppFlow.CONFIDENTIAL_APP, SmartAppFlow.CONFIDENTIAL_SECRET),
				"patient", SmartAppFlow.PATIENT_2, "encounter", "auth-it-enc-1", "user", "test-doctor",
				"need_patient_banner", "false", "smart_style_url", "https://ehr.example.jp/style.json",
				"fhirContext", "[\"ServiceRequest/auth-it-sr-1\"]");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
		String launch = json(created).get("launch").asText();
		assertThat(json(created).get("expires_in").asLong()).isEqualTo(300);

		Browser browser = new Browser(port);
		SmartAppFlow app = new SmartAppFlow(port, SmartAppFlow.CONFIDENTIAL_APP, SmartAppFlow.CONFIDENTIAL_REDIRECT,
				"launch openid fhirUser patient/*.rs").with("launch", launch);
		Browser.Page consent = SmartAppFlow.signIn(browser, app.open(browser), "test-doctor", DOCTOR_PASSWORD);
		assertThat(consent.uri().getPath()).as("no picker: the EHR chose the patient").isEqualTo("/auth/authorize/consent");
		HttpResponse<String> response = app.exchangeConfidential(app.code(SmartAppFlow.approveAll(browser, consent)));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = json(response);
		assertThat(body.get("patient").asText()).isEqualTo(SmartAppFlow.PATIENT_2);
		assertThat(body.get("encounter").asText()).isEqualTo("auth-it-enc-1");
		assertThat(body.get("need_patient_banner").asBoolean()).isFalse();
		assertThat(body.get("smart_style_url").asText()).isEqualTo("https://ehr.example.jp/style.json");
		assertThat(body.get("fhirContext").get(0).get("reference").asText()).isEqualTo("ServiceRequest/auth-it-sr-1");
		Caller caller = verifier.verify(body.get("access_token").asText());
		assertThat(caller.encounter()).contains("auth-it-enc-1");
		assertThat(caller.patient()).contains(SmartAppFlow.PATIENT_2);

		Browser.Page reused = new SmartAppFlow(port, SmartAppFlow.CONFIDENTIAL_APP, SmartAppFlow.CONFIDENTIAL_REDIRECT,
				"launch patient/*.rs").with("launch", launch).open(browser);
		assertThat(reused.redirectParameters()).containsEntry("error", "invalid_request");
	}

	@Test
	void anEhrLaunchMadeForAnotherUserIsDenied() {
		HttpResponse<String> created = AuthHttp.postForm(port, "/auth/launch",
				AuthHttp.basic(SmartAppFlow.CONFIDENTIAL_APP, SmartAppFlow.CONFIDENTIAL_SECRET),
				"patient", SmartAppFlow.PATIENT_1, "user", "test-other-doctor");
		String launch = json(created).get("launch").asText();
		Browser browser = new Browser(port);
		SmartAppFlow app = new SmartAppFlow(port, SmartAppFlow.CONFIDENTIAL_APP, SmartAppFlow.CONFIDENTIAL_REDIRECT,
				"launch patient/*.rs").with("launch", launch);

		Browser.Page redirect = SmartAppFlow.signIn(browser, app.open(browser), "test-doctor", DOCTOR_PASSWORD);

		assertThat(redirect.redirectParameters()).containsEntry("error", "access_denied").containsEntry("state", app.state);
	}

	@Test
	void onlyAuthenticatedConfidentialClientsAllowedLaunchCreateLaunches() {
		assertOAuthError(AuthHttp.postForm(port, "/auth/launch", null, "patient", SmartAppFlow.PATIENT_1), 401, "invalid_client");
		assertOAuthError(AuthHttp.postForm(port, "/auth/launch",
				AuthHttp.basic(TestBackendClient.RESOURCE_SERVER_ID, TestBackendClient.RESOURCE_SERVER_SECRET),
				"patient", SmartAppFlow.PATIENT_1), 400, "unauthorized_client");
		assertOAuthError(AuthHttp.postForm(port, "/auth/launch",
				AuthHttp.basic(SmartAppFlow.CONFIDENTIAL_APP, SmartAppFlow.CONFIDENTIAL_SECRET),
				"patient", "../etc"), 400, "invalid_request");
	}

	@Test
	void aSecondFactorIsAskedAndACodeIsAcceptedOnlyOnce() {
		SmartAppFlow app = new SmartAppFlow(port, SmartAppFlow.PUBLIC_APP, SmartAppFlow.PUBLIC_REDIRECT, "openid fhirUser user/*.rs");
		Browser first = new Browser(port);
		Browser.Page totp = SmartAppFlow.signIn(first, app.open(first), "test-2fa", "test-only-password-2fa");
		assertThat(totp.uri().getPath()).as(totp.body()).isEqualTo("/auth/login/totp");

		Browser.Page wrong = first.post("/auth/login/totp", "_csrf", totp.hidden("_csrf"), "request", totp.hidden("request"),
				"code", wrongCode(SmartAppFlow.totpNow(0)));
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.body()).contains("サインインできませんでした");
		String code = SmartAppFlow.totpNow(0);
		Browser.Page consent = first.post("/auth/login/totp", "_csrf", wrong.hidden("_csrf"), "request", wrong.hidden("request"),
				"code", code);
		assertThat(consent.uri().getPath()).as(consent.body()).isEqualTo("/auth/authorize/consent");

		Browser second = new Browser(port);
		Browser.Page totpAgain = SmartAppFlow.signIn(second, app.open(second), "test-2fa", "test-only-password-2fa");
		Browser.Page replayed = second.post("/auth/login/totp", "_csrf", totpAgain.hidden("_csrf"),
				"request", totpAgain.hidden("request"), "code", code);
		assertThat(replayed.status()).as("a used code is refused").isEqualTo(401);
		Browser.Page next = second.post("/auth/login/totp", "_csrf", replayed.hidden("_csrf"),
				"request", replayed.hidden("request"), "code", SmartAppFlow.totpNow(1));
		assertThat(next.uri().getPath()).as(next.body()).isEqualTo("/auth/authorize/consent");
	}

	@Test
	void fiveFailuresLockTheIdAndTheMessageNeverSaysWhy() {
		SmartAppFlow app = new SmartAppFlow(port, SmartAppFlow.PUBLIC_APP, SmartAppFlow.PUBLIC_REDIRECT, "user/*.rs");
		Browser browser = new Browser(port);
		Browser.Page login = app.open(browser);
		Browser.Page unknown = SmartAppFlow.signIn(browser, login, "nobody-" + SmartAppFlow.random(4), "whatever-password");
		assertThat(unknown.status()).isEqualTo(401);
		String unknownMessage = errorMessage(unknown);
		Browser.Page page = unknown;
		for (int attempt = 1; attempt <= 5; attempt++) {
			page = SmartAppFlow.signIn(browser, page, "test-lockout", "wrong-password-" + attempt);
			assertThat(page.status()).isEqualTo(401);
			assertThat(errorMessage(page)).isEqualTo(unknownMessage);
		}

		Browser.Page locked = SmartAppFlow.signIn(browser, page, "test-lockout", "test-only-password-lockout");

		assertThat(locked.status()).as("locked: even the right password is refused").isEqualTo(401);
		assertThat(errorMessage(locked)).isEqualTo(unknownMessage);
	}

	@Test
	void theUserCanNarrowTheScopesOrDeny() {
		Browser browser = new Browser(port);
		SmartAppFlow app = new SmartAppFlow(port, SmartAppFlow.PUBLIC_APP, SmartAppFlow.PUBLIC_REDIRECT,
				"openid fhirUser patient/*.rs patient/Observation.cruds offline_access").with("launch", null);
		Browser.Page picker = SmartAppFlow.signIn(browser, app.open(browser), "test-doctor", DOCTOR_PASSWORD);
		Browser.Page consent = browser.post("/auth/authorize/patient", "_csrf", picker.hidden("_csrf"),
				"request", picker.hidden("request"), "patient", SmartAppFlow.PATIENT_2);
		assertThat(consent.checkboxes("scope")).containsExactly("openid", "fhirUser", "patient/*.rs", "patient/Observation.cruds", "offline_access");

		Browser.Page redirect = browser.post("/auth/authorize/consent", "_csrf", consent.hidden("_csrf"),
				"request", consent.hidden("request"), "decision", "approve",
				"scope", "patient/*.rs", "scope", "openid", "scope", "user/*.cruds");
		JsonNode body = json(app.exchange(app.code(redirect)));

		assertThat(body.get("scope").asText()).isEqualTo("openid patient/*.rs");
		assertThat(body.has("refresh_token")).isFalse();
		assertThat(body.has("id_token")).as("no fhirUser, no id_token").isFalse();

		SmartAppFlow denied = new SmartAppFlow(port, SmartAppFlow.PUBLIC_APP, SmartAppFlow.PUBLIC_REDIRECT, "user/*.rs");
		Browser.Page consentAgain = denied.open(browser);
		Browser.Page refusal = browser.post("/auth/authorize/consent", "_csrf", consentAgain.hidden("_csrf"),
				"request", consentAgain.hidden("request"), "decision", "deny", "scope", "user/*.rs");
		assertThat(refusal.redirectParameters()).containsEntry("error", "access_denied").containsEntry("state", denied.state)
				.doesNotContainKey("code");
	}

	@Test
	void formsWithoutTheSessionsCsrfTokenAreRefused() {
		Browser browser = new Browser(port);
		SmartAppFlow app = new SmartAppFlow(port, SmartAppFlow.PUBLIC_APP, SmartAppFlow.PUBLIC_REDIRECT, "user/*.rs");
		Browser.Page login = app.open(browser);

		Browser.Page refused = browser.post("/auth/login", "request", login.hidden("request"), "username", "test-doctor",
				"password", DOCTOR_PASSWORD);
		Browser.Page forged = browser.post("/auth/login", "_csrf", "forged", "request", login.hidden("request"),
				"username", "test-doctor", "password", DOCTOR_PASSWORD);

		assertThat(refused.status()).isEqualTo(403);
		assertThat(forged.status()).isEqualTo(403);
	}

	@Test
	void theSessionCookieIsHttpOnlyLaxAndRenewedAtSignIn() {
		Browser browser = new Browser(port);
		SmartAppFlow app = new SmartAppFlow(port, SmartAppFlow.PUBLIC_APP, SmartAppFlow.PUBLIC_REDIRECT, "user/*.rs");
		Browser.Page login = app.open(browser);
		String before = sessionCookie(login);
		assertThat(before).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");

		Browser.Page consent = SmartAppFlow.signIn(browser, login, "test-doctor", DOCTOR_PASSWORD);

		String after = sessionCookie(consent);
		assertThat(after.split(";")[0]).as("a new session id at sign-in (session fixation)").isNotEqualTo(before.split(";")[0]);
		assertThat(consent.uri().getPath()).isEqualTo("/auth/authorize/consent");
	}

	private static String sessionCookie(Browser.Page page) {
		return page.setCookies().stream().filter(cookie -> cookie.startsWith("RENKEI_SESSION=")).reduce((first, last) -> last)
				.orElseThrow(() -> new AssertionError("no session cookie set: " + page.setCookies()));
	}

	@Test
	void pagesAreJapaneseFirstAndEnglishOnRequest() {
		SmartAppFlow app = new SmartAppFlow(port, SmartAppFlow.PUBLIC_APP, SmartAppFlow.PUBLIC_REDIRECT, "user/*.rs");
		Browser japanese = new Browser(port, "fr-FR,fr;q=0.9");
		Browser.Page login = app.open(japanese);
		assertThat(login.body()).contains("<html lang=\"ja\"", "サインイン", "利用者 ID", "name=\"viewport\"");
		assertThat(login.body()).doesNotContain("<script");
		assertThat(japanese.get("/auth/login").body()).contains("サインイン");

		Browser english = new Browser(port, "en-US,en;q=0.9,ja;q=0.5");
		assertThat(app.open(english).body()).contains("<html lang=\"en\"", "Sign in", "User ID");

		assertThat(login.body()).contains("lang=en");
		Browser.Page switched = japanese.get("/auth/login?request=" + login.hidden("request") + "&lang=en");
		assertThat(switched.body()).as("the language switch shows the page in English").contains("User ID");
		assertThat(japanese.get("/auth/login?request=" + login.hidden("request")).body()).as("and remembers it").contains("User ID");
	}

	@Test
	void refreshTokensRotateNarrowAndAReuseRevokesTheFamily() throws Exception {
		JsonNode tokens = signInAndExchange("openid fhirUser launch/patient patient/*.rs patient/Observation.cruds offline_access");
		String first = tokens.get("refresh_token").asText();

		HttpResponse<String> refreshed = refresh(first, null);
		assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
		JsonNode second = json(refreshed);
		assertThat(second.get("refresh_token").asText()).isNotEqualTo(first);
		assertThat(second.get("patient").asText()).isEqualTo(SmartAppFlow.PATIENT_1);
		assertThat(second.has("id_token")).isFalse();

		assertOAuthError(refresh(second.get("refresh_token").asText(), "patient/*.rs user/*.rs"), 400, "invalid_scope");
		JsonNode narrowed = json(refresh(second.get("refresh_token").asText(), "patient/*.rs"));
		assertThat(narrowed.get("scope").asText()).isEqualTo("patient/*.rs");
		assertThat(verifier.verify(narrowed.get("access_token").asText()).scopes()).containsExactly("patient/*.rs");
		JsonNode third = json(refresh(narrowed.get("refresh_token").asText(), null));
		assertThat(third.get("scope").asText()).as("the refresh token keeps the original grant")
				.contains("patient/Observation.cruds", "offline_access");

		assertOAuthError(AuthHttp.postForm(port, "/auth/token", AuthHttp.basic(SmartAppFlow.CONFIDENTIAL_APP, SmartAppFlow.CONFIDENTIAL_SECRET),
				"grant_type", "refresh_token", "refresh_token", third.get("refresh_token").asText()), 400, "invalid_grant");
		assertOAuthError(refresh(first, null), 400, "invalid_grant");

		assertOAuthError(refresh(third.get("refresh_token").asText(), null), 400, "invalid_grant");
		assertThatThrownBy(() -> verifier.verify(third.get("access_token").asText()))
				.as("the access tokens of a revoked family are revoked too").isInstanceOf(InvalidAccessTokenException.class);
	}

	@Test
	void aPublicClientRevokesItsRefreshTokenAndTheFamilyEnds() throws Exception {
		JsonNode tokens = signInAndExchange("launch/patient patient/*.rs offline_access");

		HttpResponse<String> revoked = AuthHttp.postForm(port, "/auth/revoke", null, "token", tokens.get("refresh_token").asText(),
				"client_id", SmartAppFlow.PUBLIC_APP);

		assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
		assertOAuthError(refresh(tokens.get("refresh_token").asText(), null), 400, "invalid_grant");
		assertThatThrownBy(() -> verifier.verify(tokens.get("access_token").asText())).isInstanceOf(InvalidAccessTokenException.class);
	}

	@Test
	void onlineAccessEndsWithTheLoginSession() {
		Browser browser = new Browser(port);
		SmartAppFlow app = new SmartAppFlow(port, SmartAppFlow.PUBLIC_APP, SmartAppFlow.PUBLIC_REDIRECT, "user/*.rs online_access");
		Browser.Page consent = SmartAppFlow.signIn(browser, app.open(browser), "test-doctor", DOCTOR_PASSWORD);
		JsonNode tokens = json(app.exchange(app.code(SmartAppFlow.approveAll(browser, consent))));
		String refreshToken = tokens.get("refresh_token").asText();
		JsonNode refreshed = json(refresh(refreshToken, null));
		assertThat(refreshed.get("refresh_token").asText()).isNotBlank();

		Browser.Page signedIn = browser.get("/auth/login");
		assertThat(signedIn.body()).contains("試験 医師");
		Browser.Page signedOut = browser.post("/auth/logout", "_csrf", signedIn.hidden("_csrf"));
		assertThat(signedOut.status()).isEqualTo(200);

		assertOAuthError(refresh(refreshed.get("refresh_token").asText(), null), 400, "invalid_grant");
		assertThat(app.open(browser).uri().getPath()).as("signed out: the login page again").isEqualTo("/auth/login");
	}

	private JsonNode signInAndExchange(String scope) {
		Browser browser = new Browser(port);
		SmartAppFlow app = new SmartAppFlow(port, SmartAppFlow.PUBLIC_APP, SmartAppFlow.PUBLIC_REDIRECT, scope);
		Browser.Page picker = SmartAppFlow.signIn(browser, app.open(browser), "test-doctor", DOCTOR_PASSWORD);
		Browser.Page consent = browser.post("/auth/authorize/patient", "_csrf", picker.hidden("_csrf"),
				"request", picker.hidden("request"), "patient", SmartAppFlow.PATIENT_1);
		HttpResponse<String> response = app.exchange(app.code(SmartAppFlow.approveAll(browser, consent)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response);
	}

	private HttpResponse<String> refresh(String refreshToken, String scope) {
		return scope == null
				? AuthHttp.postForm(port, "/auth/token", null, "grant_type", "refresh_token", "refresh_token", refreshToken,
						"client_id", SmartAppFlow.PUBLIC_APP)
				: AuthHttp.postForm(port, "/auth/token", null, "grant_type", "refresh_token", "refresh_token", refreshToken,
						"client_id", SmartAppFlow.PUBLIC_APP, "scope", scope);
	}

	private static String wrongCode(String code) {
		return String.format("%06d", (Integer.parseInt(code) + 500_000) % 1_000_000);
	}

	private static String errorMessage(Browser.Page page) {
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("<p class=\"error\"[^>]*>([^<]*)</p>").matcher(page.body());
		assertThat(matcher.find()).as(page.body()).isTrue();
		return matcher.group(1);
	}
}
