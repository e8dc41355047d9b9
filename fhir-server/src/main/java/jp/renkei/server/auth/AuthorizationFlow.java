package jp.renkei.server.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.renkei.server.auth.LoginSession.SignedIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The pages between an authorization request and the code: sign-in (password, then TOTP when the
 * user has it), the patient picker for standalone launches, and the approval page where the user
 * sees the requested scopes in plain words, may untick some, and approves or denies.
 *
 * <p>Every form carries the session's CSRF token; a form without it is refused with 403.
 */
@Controller
public class AuthorizationFlow {

	private static final Logger LOG = LoggerFactory.getLogger(AuthorizationFlow.class);
	static final String CONTINUE_PATH = AuthServerUrls.AUTH_PATH + "/authorize/continue";
	static final String LOGIN_PATH = AuthServerUrls.AUTH_PATH + "/login";
	static final String SIMULATOR = "simulator";
	private static final Duration SECOND_FACTOR_TIME = Duration.ofMinutes(5);
	/** Scopes whose grant depends on the context found, not only on the user's tick. */
	private static final Set<String> CONTEXT_SCOPES = Set.of("launch/patient", "launch/encounter");

	private final UserAuthenticator authenticator;
	private final ClientRegistry clients;
	private final AuthorizationCodes codes;
	private final PatientFinder patients;
	private final ScopeDescriptions descriptions;
	private final Clock clock;

	public AuthorizationFlow(UserAuthenticator authenticator, ClientRegistry clients, AuthorizationCodes codes,
			PatientFinder patients, ScopeDescriptions descriptions, Clock authClock) {
		this.authenticator = authenticator;
		this.clients = clients;
		this.codes = codes;
		this.patients = patients;
		this.descriptions = descriptions;
		this.clock = authClock;
	}

	/** Decides the next page of an authorization request. */
	@GetMapping(CONTINUE_PATH)
	public ModelAndView next(HttpServletRequest http, @RequestParam(name = "request", required = false) String requestId) {
		LoginSession session = LoginSession.of(http);
		PendingAuthorization pending = pending(session, requestId);
		Optional<SignedIn> signedIn = session.signedIn();
		if (signedIn.isEmpty()) {
			return AuthorizationRedirect.redirect(LOGIN_PATH + "?request=" + pending.id());
		}
		UserAccount user = signedIn.get().account();
		Optional<String> refusal = refusal(pending, user);
		if (refusal.isPresent()) {
			session.removeRequest(pending.id());
			return AuthorizationRedirect.error(pending.redirectUri(), pending.state(), "access_denied", refusal.get());
		}
		Optional<String> own = user.ownPatientId();
		if (pending.patientNeeded() && !pending.hasPatient()) {
			if (own.isPresent()) {
				pending = pending.withContext(pending.context().withPatient(own.get(), true));
				session.putRequest(pending);
			} else {
				return AuthorizationRedirect.redirect(AuthServerUrls.AUTH_PATH + "/authorize/patient?request=" + pending.id());
			}
		}
		return AuthorizationRedirect.redirect(AuthServerUrls.AUTH_PATH + "/authorize/consent?request=" + pending.id());
	}

	@GetMapping(LOGIN_PATH)
	public ModelAndView loginPage(HttpServletRequest http, @RequestParam(name = "request", required = false) String requestId,
			@RequestParam(name = "next", required = false) String next) {
		LoginSession session = LoginSession.of(http);
		if (session.signedIn().isPresent() && (requestId != null || SIMULATOR.equals(next))) {
			return afterSignIn(requestId, next);
		}
		return loginView(session, requestId, next, false);
	}

	@PostMapping(LOGIN_PATH)
	public ModelAndView login(HttpServletRequest http, @RequestParam(name = "request", required = false) String requestId,
			@RequestParam(name = "next", required = false) String next,
			@RequestParam(name = "username", required = false) String username,
			@RequestParam(name = "password", required = false) String password) {
		LoginSession session = checkCsrf(http);
		UserAuthenticator.PasswordResult result = authenticator.checkPassword(username, password);
		return switch (result.outcome()) {
			case FAILED -> loginView(session, requestId, next, true);
			case SECOND_FACTOR_NEEDED -> {
				session.awaitSecondFactor(result.account().username(), clock.instant());
				yield AuthorizationRedirect.redirect(LOGIN_PATH + "/totp" + targetQuery(requestId, next));
			}
			case SIGNED_IN -> {
				session.signIn(result.account(), clock.instant());
				yield afterSignIn(requestId, next);
			}
		};
	}

	@GetMapping(LOGIN_PATH + "/totp")
	public ModelAndView secondFactorPage(HttpServletRequest http, @RequestParam(name = "request", required = false) String requestId,
			@RequestParam(name = "next", required = false) String next) {
		LoginSession session = LoginSession.of(http);
		if (session.pendingSignIn().isEmpty()) {
			return AuthorizationRedirect.redirect(LOGIN_PATH + targetQuery(requestId, next));
		}
		return secondFactorView(session, requestId, next, false);
	}

	@PostMapping(LOGIN_PATH + "/totp")
	public ModelAndView secondFactor(HttpServletRequest http, @RequestParam(name = "request", required = false) String requestId,
			@RequestParam(name = "next", required = false) String next,
			@RequestParam(name = "code", required = false) String code) {
		LoginSession session = checkCsrf(http);
		Optional<LoginSession.PendingSignIn> pendingSignIn = session.pendingSignIn();
		if (pendingSignIn.isEmpty() || pendingSignIn.get().since().plus(SECOND_FACTOR_TIME).isBefore(clock.instant())) {
			session.clearPendingSignIn();
			return loginView(session, requestId, next, true);
		}
		Optional<UserAccount> account = authenticator.checkSecondFactor(pendingSignIn.get().username(), code);
		if (account.isEmpty()) {
			return secondFactorView(session, requestId, next, true);
		}
		session.signIn(account.get(), clock.instant());
		return afterSignIn(requestId, next);
	}

	@PostMapping(AuthServerUrls.AUTH_PATH + "/logout")
	public ModelAndView logout(HttpServletRequest http) {
		LoginSession session = checkCsrf(http);
		session.signedIn().ifPresent(user -> LOG.info("User {} signed out", user.account().username()));
		session.invalidate();
		return new ModelAndView("auth/signed-out");
	}

	@GetMapping(AuthServerUrls.AUTH_PATH + "/authorize/patient")
	public ModelAndView patientPicker(HttpServletRequest http, @RequestParam(name = "request", required = false) String requestId,
			@RequestParam(name = "q", required = false) String query) {
		LoginSession session = LoginSession.of(http);
		PendingAuthorization pending = pending(session, requestId);
		Optional<SignedIn> signedIn = session.signedIn();
		if (signedIn.isEmpty()) {
			return AuthorizationRedirect.redirect(LOGIN_PATH + "?request=" + pending.id());
		}
		ModelAndView page = new ModelAndView("auth/patient");
		page.addObject("requestId", pending.id());
		page.addObject("csrf", session.csrfToken());
		page.addObject("query", query == null ? "" : query);
		page.addObject("patients", patients.search(signedIn.get().account().organization(), query));
		page.addObject("user", signedIn.get().account());
		page.addObject("clientName", clientName(pending.clientId()));
		return page;
	}

	@PostMapping(AuthServerUrls.AUTH_PATH + "/authorize/patient")
	public ModelAndView choosePatient(HttpServletRequest http, @RequestParam(name = "request", required = false) String requestId,
			@RequestParam(name = "patient", required = false) String patientId) {
		LoginSession session = checkCsrf(http);
		PendingAuthorization pending = pending(session, requestId);
		SignedIn signedIn = session.signedIn().orElseThrow(() -> AuthorizationPageException.badRequest(
				"auth.error.requestExpired", "not signed in"));
		if (pending.hasPatient() || patients.visible(signedIn.account().organization(), patientId).isEmpty()) {
			throw AuthorizationPageException.badRequest("auth.error.patient", "the patient is not one of the user's organization");
		}
		session.putRequest(pending.withContext(pending.context().withPatient(patientId, true)));
		return AuthorizationRedirect.redirect(CONTINUE_PATH + "?request=" + pending.id());
	}

	@GetMapping(AuthServerUrls.AUTH_PATH + "/authorize/consent")
	public ModelAndView consentPage(HttpServletRequest http, Locale locale,
			@RequestParam(name = "request", required = false) String requestId) {
		LoginSession session = LoginSession.of(http);
		PendingAuthorization pending = pending(session, requestId);
		Optional<SignedIn> signedIn = session.signedIn();
		if (signedIn.isEmpty() || !readyForApproval(pending, signedIn.get().account())) {
			return AuthorizationRedirect.redirect(CONTINUE_PATH + "?request=" + pending.id());
		}
		Map<String, String> scopes = new LinkedHashMap<>();
		offered(pending).forEach(scope -> scopes.put(scope, descriptions.describe(scope, locale)));
		ModelAndView page = new ModelAndView("auth/consent");
		page.addObject("requestId", pending.id());
		page.addObject("csrf", session.csrfToken());
		page.addObject("scopes", scopes);
		page.addObject("user", signedIn.get().account());
		page.addObject("clientName", clientName(pending.clientId()));
		page.addObject("patient", Optional.ofNullable(pending.context().patient()).flatMap(patients::find).orElse(null));
		page.addObject("encounter", pending.context().encounter());
		return page;
	}

	@PostMapping(AuthServerUrls.AUTH_PATH + "/authorize/consent")
	public ModelAndView decide(HttpServletRequest http, @RequestParam(name = "request", required = false) String requestId,
			@RequestParam(name = "decision", required = false) String decision,
			@RequestParam(name = "scope", required = false) String[] ticked) {
		LoginSession session = checkCsrf(http);
		PendingAuthorization pending = pending(session, requestId);
		SignedIn signedIn = session.signedIn().orElseThrow(() -> AuthorizationPageException.badRequest(
				"auth.error.requestExpired", "not signed in"));
		if (!readyForApproval(pending, signedIn.account())) {
			// The approval page was reached around the sign-in, launch or patient checks: start them again.
			return AuthorizationRedirect.redirect(CONTINUE_PATH + "?request=" + pending.id());
		}
		session.removeRequest(pending.id());
		if (!"approve".equals(decision)) {
			LOG.info("User {} denied client {}", signedIn.account().username(), pending.clientId());
			return AuthorizationRedirect.error(pending.redirectUri(), pending.state(), "access_denied", "the user denied the request");
		}
		Set<String> chosen = ticked == null ? Set.of() : Set.copyOf(Arrays.asList(ticked));
		Set<String> approved = new LinkedHashSet<>();
		for (String scope : offered(pending)) {
			if (chosen.contains(scope)) {
				approved.add(scope);
			}
		}
		if (approved.isEmpty()) {
			return AuthorizationRedirect.error(pending.redirectUri(), pending.state(), "access_denied", "the user approved no scope");
		}
		UserGrant grant = new UserGrant(pending.clientId(), AuthorizedUser.of(signedIn.account()), approved, pending.context(),
				pending.nonce(), signedIn.loginSessionId(), signedIn.authTime());
		String code = codes.issue(grant, pending.redirectUri(), pending.codeChallenge());
		LOG.info("User {} approved client {}: {}", signedIn.account().username(), pending.clientId(), String.join(" ", approved));
		return AuthorizationRedirect.code(pending.redirectUri(), code, pending.state());
	}

	/** Why {@code user} may not complete {@code pending} at all, if so. */
	private static Optional<String> refusal(PendingAuthorization pending, UserAccount user) {
		if (pending.launchUser() != null && !pending.launchUser().equals(user.username())) {
			return Optional.of("the EHR launch was made for another user");
		}
		Optional<String> own = user.ownPatientId();
		if (own.isPresent() && pending.hasPatient() && !own.get().equals(pending.context().patient())) {
			return Optional.of("a patient may launch an app only with their own record");
		}
		return Optional.empty();
	}

	/** Whether every check before the approval page has passed: the page and its form check this again. */
	private static boolean readyForApproval(PendingAuthorization pending, UserAccount user) {
		return refusal(pending, user).isEmpty() && (!pending.patientNeeded() || pending.hasPatient());
	}

	/** The scopes the user may approve: what the client asked and may get, less context scopes without that context. */
	private static List<String> offered(PendingAuthorization pending) {
		return pending.scopes().stream()
				.filter(scope -> !CONTEXT_SCOPES.contains(scope)
						|| (scope.equals("launch/patient") && pending.context().patient() != null)
						|| (scope.equals("launch/encounter") && pending.context().encounter() != null))
				.toList();
	}

	private ModelAndView afterSignIn(String requestId, String next) {
		if (requestId != null) {
			return AuthorizationRedirect.redirect(CONTINUE_PATH + "?request=" + requestId);
		}
		if (SIMULATOR.equals(next)) {
			return AuthorizationRedirect.redirect(LaunchSimulator.PATH);
		}
		return AuthorizationRedirect.redirect(LOGIN_PATH);
	}

	private ModelAndView loginView(LoginSession session, String requestId, String next, boolean failed) {
		ModelAndView page = new ModelAndView("auth/login", failed ? HttpStatus.UNAUTHORIZED : HttpStatus.OK);
		page.addObject("csrf", session.csrfToken());
		page.addObject("requestId", requestId);
		page.addObject("next", SIMULATOR.equals(next) ? next : null);
		page.addObject("failed", failed);
		page.addObject("user", session.signedIn().map(SignedIn::account).orElse(null));
		page.addObject("clientName", Optional.ofNullable(requestId).flatMap(session::request)
				.map(pending -> clientName(pending.clientId())).orElse(null));
		return page;
	}

	private ModelAndView secondFactorView(LoginSession session, String requestId, String next, boolean failed) {
		ModelAndView page = new ModelAndView("auth/totp", failed ? HttpStatus.UNAUTHORIZED : HttpStatus.OK);
		page.addObject("csrf", session.csrfToken());
		page.addObject("requestId", requestId);
		page.addObject("next", SIMULATOR.equals(next) ? next : null);
		page.addObject("failed", failed);
		return page;
	}

	private static String targetQuery(String requestId, String next) {
		if (requestId != null) {
			return "?request=" + java.net.URLEncoder.encode(requestId, java.nio.charset.StandardCharsets.UTF_8);
		}
		return SIMULATOR.equals(next) ? "?next=" + SIMULATOR : "";
	}

	private String clientName(String clientId) {
		return clients.find(clientId).map(RegisteredClient::clientName).orElse(clientId);
	}

	private static PendingAuthorization pending(LoginSession session, String requestId) {
		return session.request(requestId).orElseThrow(() -> AuthorizationPageException.badRequest(
				"auth.error.requestExpired", "no authorization request " + requestId + " in this session"));
	}

	private static LoginSession checkCsrf(HttpServletRequest http) {
		LoginSession session = LoginSession.of(http);
		if (!session.csrfMatches(http.getParameter("_csrf"))) {
			throw new AuthorizationPageException("auth.error.csrf", "the form's CSRF token is missing or wrong", HttpStatus.FORBIDDEN);
		}
		return session;
	}
}
