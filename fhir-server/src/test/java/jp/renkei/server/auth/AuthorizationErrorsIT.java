package jp.renkei.server.auth;

import static jp.renkei.server.auth.SmartAppFlow.assertOAuthError;
import static jp.renkei.server.auth.SmartAppFlow.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import jp.renkei.server.AbstractServerIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Bad input to the authorization and token endpoints of the code flow: each gets the right answer
 * (an error page before the client is trusted, an RFC 6749 redirect error after, RFC 6749 error
 * JSON at the token endpoint) and never a token.
 */
class AuthorizationErrorsIT extends AbstractServerIT {

	@Autowired
	private AccessTokenVerifier verifier;

	private SmartAppFlow publicApp(String scope) {
		return new SmartAppFlow(port, SmartAppFlow.PUBLIC_APP, SmartAppFlow.PUBLIC_REDIRECT, scope);
	}

	@Test
	void anUnknownClientOrUnregisteredRedirectGetsAnErrorPageAndNoRedirect() {
		Browser browser = new Browser(port);

		Browser.Page unknown = publicApp("user/*.rs").with("client_id", "no-such-client").open(browser);
		Browser.Page unregistered = publicApp("user/*.rs").with("redirect_uri", "http://127.0.0.1:9/attacker").open(browser);
		Browser.Page missing = publicApp("user/*.rs").with("redirect_uri", null).open(browser);
		Browser.Page prefix = publicApp("user/*.rs").with("redirect_uri", SmartAppFlow.PUBLIC_REDIRECT + "/more").open(browser);

		for (Browser.Page page : new Browser.Page[] {unknown, unregistered, missing, prefix}) {
			assertThat(page.status()).isEqualTo(400);
			assertThat(page.leftTo()).isNull();
			assertThat(page.body()).contains("要求を処理できません");
		}
		assertThat(unknown.body()).contains("client_id");
		assertThat(unregistered.body()).contains("redirect_uri");
	}

	@Test
	void badAuthorizationRequestsGoBackToTheClientWithTheErrorAndState() {
		Browser browser = new Browser(port);
		assertRedirectError(browser, publicApp("user/*.rs").with("aud", null), "invalid_request");
		assertRedirectError(browser, publicApp("user/*.rs").with("aud", "http://evil.example/fhir"), "invalid_request");
		assertRedirectError(browser, publicApp("user/*.rs").with("code_challenge_method", "plain"), "invalid_request");
		assertRedirectError(browser, publicApp("user/*.rs").with("code_challenge_method", null), "invalid_request");
		assertRedirectError(browser, publicApp("user/*.rs").with("code_challenge", null), "invalid_request");
		assertRedirectError(browser, publicApp("user/*.rs").with("code_challenge", "short"), "invalid_request");
		assertRedirectError(browser, publicApp("user/*.rs").with("response_type", "token"), "unsupported_response_type");
		assertRedirectError(browser, publicApp("system/*.rs"), "invalid_scope");
		assertRedirectError(browser, publicApp("user/*.rs").with("scope", null), "invalid_scope");
		assertRedirectError(browser, publicApp("launch user/*.rs").with("launch", "no-such-launch"), "invalid_request");
		assertRedirectError(browser, publicApp("launch user/*.rs"), "invalid_request");
		assertRedirectError(browser, publicApp("openid user/*.rs").with("nonce", "n".repeat(256)), "invalid_request");
		Browser.Page longState = browser.post("/auth/authorize", "response_type", "code", "client_id", SmartAppFlow.PUBLIC_APP,
				"redirect_uri", SmartAppFlow.PUBLIC_REDIRECT, "state", "s".repeat(5000));
		assertThat(longState.status()).isEqualTo(400);
		assertThat(longState.leftTo()).isNull();
	}

	@Test
	void authorizePostIsAcceptedLikeGet() {
		Browser browser = new Browser(port);
		SmartAppFlow app = publicApp("user/*.rs");
		String[] form = app.request.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
				.toArray(String[]::new);

		Browser.Page login = browser.post("/auth/authorize", form);

		assertThat(login.uri().getPath()).isEqualTo("/auth/login");
		assertThat(login.status()).isEqualTo(200);
	}

	@Test
	void theTokenEndpointRefusesUnknownClientsWrongSecretsAndMalformedAssertions() {
		SmartAppFlow app = publicApp("user/*.rs");
		String code = code(app);

		assertOAuthError(AuthHttp.postForm(port, "/auth/token", null, "grant_type", "authorization_code", "code", code,
				"redirect_uri", SmartAppFlow.PUBLIC_REDIRECT, "code_verifier", app.verifier, "client_id", "no-such-client"), 401, "invalid_client");
		assertOAuthError(AuthHttp.postForm(port, "/auth/token", AuthHttp.basic(SmartAppFlow.CONFIDENTIAL_APP, "wrong-secret"),
				"grant_type", "authorization_code", "code", code, "redirect_uri", SmartAppFlow.CONFIDENTIAL_REDIRECT,
				"code_verifier", app.verifier), 401, "invalid_client");
		assertOAuthError(AuthHttp.postForm(port, "/auth/token", null, "grant_type", "authorization_code", "code", code,
				"redirect_uri", SmartAppFlow.CONFIDENTIAL_REDIRECT, "code_verifier", app.verifier,
				"client_id", SmartAppFlow.CONFIDENTIAL_APP), 401, "invalid_client");
		assertOAuthError(AuthHttp.postForm(port, "/auth/token", null, "grant_type", "authorization_code", "code", code,
				"redirect_uri", SmartAppFlow.PUBLIC_REDIRECT, "code_verifier", app.verifier,
				"client_assertion_type", ClientAssertionVerifier.ASSERTION_TYPE, "client_assertion", "not.a-jwt"), 401, "invalid_client");

		HttpResponse<String> stillValid = app.exchange(code);
		assertThat(stillValid.statusCode()).as("refused client authentication does not spend the code").isEqualTo(200);
	}

	@Test
	void badOrReusedCodesAreInvalidGrantAndAReuseRevokesTheTokens() {
		assertOAuthError(publicApp("user/*.rs").exchange("no-such-code"), 400, "invalid_grant");

		SmartAppFlow app = publicApp("user/*.rs offline_access");
		String code = code(app);
		HttpResponse<String> first = app.exchange(code);
		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		JsonNode tokens = json(first);

		assertOAuthError(app.exchange(code), 400, "invalid_grant");

		assertThatThrownBy(() -> verifier.verify(tokens.get("access_token").asText())).isInstanceOf(InvalidAccessTokenException.class);
		assertOAuthError(AuthHttp.postForm(port, "/auth/token", null, "grant_type", "refresh_token",
				"refresh_token", tokens.get("refresh_token").asText(), "client_id", SmartAppFlow.PUBLIC_APP), 400, "invalid_grant");
	}

	@Test
	void aCodeIsBoundToItsClientRedirectUriAndVerifier() {
		SmartAppFlow app = publicApp("user/*.rs");
		String stolen = code(app);
		assertOAuthError(AuthHttp.postForm(port, "/auth/token", AuthHttp.basic(SmartAppFlow.CONFIDENTIAL_APP, SmartAppFlow.CONFIDENTIAL_SECRET),
				"grant_type", "authorization_code", "code", stolen, "redirect_uri", SmartAppFlow.PUBLIC_REDIRECT,
				"code_verifier", app.verifier), 400, "invalid_grant");

		SmartAppFlow other = publicApp("user/*.rs");
		String code = code(other);
		assertOAuthError(AuthHttp.postForm(port, "/auth/token", null, "grant_type", "authorization_code", "code", code,
				"redirect_uri", "http://127.0.0.1:9/test-app/other-callback", "code_verifier", other.verifier,
				"client_id", SmartAppFlow.PUBLIC_APP), 400, "invalid_grant");

		SmartAppFlow pkce = publicApp("user/*.rs");
		String pkceCode = code(pkce);
		assertOAuthError(AuthHttp.postForm(port, "/auth/token", null, "grant_type", "authorization_code", "code", pkceCode,
				"redirect_uri", SmartAppFlow.PUBLIC_REDIRECT, "code_verifier", SmartAppFlow.random(48),
				"client_id", SmartAppFlow.PUBLIC_APP), 400, "invalid_grant");

		SmartAppFlow missing = publicApp("user/*.rs");
		assertOAuthError(AuthHttp.postForm(port, "/auth/token", null, "grant_type", "authorization_code", "code", code(missing),
				"redirect_uri", SmartAppFlow.PUBLIC_REDIRECT, "client_id", SmartAppFlow.PUBLIC_APP), 400, "invalid_request");
	}

	@Test
	void aConfidentialAsymmetricClientExchangesItsCodeWithPrivateKeyJwt() {
		Browser browser = new Browser(port);
		SmartAppFlow app = new SmartAppFlow(port, "test-asymmetric-app", "http://127.0.0.1:9/asymmetric/callback", "user/*.rs");
		String code = app.code(SmartAppFlow.approveAll(browser,
				SmartAppFlow.signIn(browser, app.open(browser), "test-doctor", "test-only-password-doctor")));
		String assertion = TestBackendClient.signRs384(TestBackendClient.claims("http://localhost:" + port + "/auth/token")
				.issuer("test-asymmetric-app").subject("test-asymmetric-app").build());

		HttpResponse<String> response = AuthHttp.postForm(port, "/auth/token", null, "grant_type", "authorization_code",
				"code", code, "redirect_uri", "http://127.0.0.1:9/asymmetric/callback", "code_verifier", app.verifier,
				"client_assertion_type", ClientAssertionVerifier.ASSERTION_TYPE, "client_assertion", assertion);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(json(response).get("scope").asText()).isEqualTo("user/*.rs");
	}

	@Test
	void anUnknownGrantTypeIsRefused() {
		assertOAuthError(AuthHttp.postForm(port, "/auth/token", null, "grant_type", "password", "client_id", SmartAppFlow.PUBLIC_APP),
				400, "unsupported_grant_type");
	}

	/** Signs test-doctor in and approves: the code of a fresh request of {@code app}. */
	private String code(SmartAppFlow app) {
		Browser browser = new Browser(port);
		Browser.Page consent = SmartAppFlow.signIn(browser, app.open(browser), "test-doctor", "test-only-password-doctor");
		return app.code(SmartAppFlow.approveAll(browser, consent));
	}

	private static void assertRedirectError(Browser browser, SmartAppFlow app, String error) {
		Browser.Page page = app.open(browser);
		assertThat(page.leftTo()).as(app.authorizeUrl() + " -> " + page.status() + " " + page.body()).isNotNull();
		assertThat(page.leftTo().toString()).startsWith(SmartAppFlow.PUBLIC_REDIRECT + "?");
		assertThat(page.redirectParameters()).as(app.authorizeUrl()).containsEntry("error", error)
				.containsEntry("state", app.state).containsKey("error_description").doesNotContainKey("code");
	}
}
