package jp.renkei.server.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code GET} and {@code POST /auth/authorize} (SMART {@code authorize-post}): checks an
 * authorization code request and hands it to the sign-in and approval pages.
 *
 * <p>Until the client and its redirect URI are known to be genuine, problems are shown on an error
 * page (never redirected: the redirect URI could be an attacker's). After that they go back to the
 * client as RFC 6749 section 4.1.2.1 errors with its {@code state}. Required: {@code response_type=code},
 * a registered {@code redirect_uri} (exact match), {@code scope}, {@code aud} = our FHIR base URL,
 * and PKCE with {@code S256} for every client. {@code launch} binds an EHR launch (single use).
 */
@Controller
public class AuthorizationEndpoint {

	static final String PATH = AuthServerUrls.AUTH_PATH + "/authorize";
	/** RFC 7636 section 4.2: BASE64URL(SHA256(verifier)) is 43 characters; the grammar allows 43 to 128. */
	private static final Pattern CODE_CHALLENGE = Pattern.compile("[A-Za-z0-9\\-._~]{43,128}");
	private static final Set<String> USER_CONTEXTS = Set.of("patient", "user");
	private static final int MAX_STATE = 1024;
	private static final int MAX_NONCE = 255;
	private static final Set<String> LAUNCH_CONTEXT_SCOPES = Set.of("launch/patient", "launch/encounter");

	private final ClientRegistry clients;
	private final AuthServerUrls urls;
	private final LaunchContexts launches;
	private final Clock clock;

	public AuthorizationEndpoint(ClientRegistry clients, AuthServerUrls urls, LaunchContexts launches, Clock authClock) {
		this.clients = clients;
		this.urls = urls;
		this.launches = launches;
		this.clock = authClock;
	}

	@RequestMapping(path = PATH, method = {RequestMethod.GET, RequestMethod.POST})
	public ModelAndView authorize(HttpServletRequest request) {
		if (request.getMethod().equals("POST")) {
			String contentType = request.getContentType();
			if (contentType == null || !MediaType.APPLICATION_FORM_URLENCODED.includes(MediaType.parseMediaType(contentType))) {
				throw AuthorizationPageException.badRequest("auth.error.badRequest", "the body must be application/x-www-form-urlencoded");
			}
		}
		Map<String, String[]> parameters = request.getParameterMap();
		RegisteredClient client = clients.find(single(parameters, "client_id"))
				.orElseThrow(() -> AuthorizationPageException.badRequest("auth.error.unknownClient", "client_id is missing or unknown"));
		String redirectUri = single(parameters, "redirect_uri");
		if (redirectUri == null || !client.redirectUris().contains(redirectUri)) {
			throw AuthorizationPageException.badRequest("auth.error.redirectUri",
					"redirect_uri is missing or not registered for client " + client.clientId());
		}
		String state = optional(parameters, "state");
		if (state != null && state.length() > MAX_STATE) {
			// Too long to send back safely in a redirect's Location header.
			throw AuthorizationPageException.badRequest("auth.error.badRequest", "state is longer than " + MAX_STATE + " characters");
		}
		try {
			PendingAuthorization pending = validate(parameters, client, redirectUri, state);
			LoginSession.of(request).putRequest(pending);
			return AuthorizationRedirect.redirect(AuthorizationFlow.CONTINUE_PATH + "?request=" + pending.id());
		} catch (AuthorizationErrorException e) {
			return AuthorizationRedirect.error(redirectUri, state, e.error(), e.getMessage());
		}
	}

	private PendingAuthorization validate(Map<String, String[]> parameters, RegisteredClient client, String redirectUri, String state) {
		parameters.forEach((name, values) -> {
			if (values.length > 1) {
				throw new AuthorizationErrorException("invalid_request", "parameter " + name + " is repeated");
			}
		});
		String responseType = optional(parameters, "response_type");
		if (responseType == null) {
			throw new AuthorizationErrorException("invalid_request", "response_type is missing");
		}
		if (!responseType.equals("code")) {
			throw new AuthorizationErrorException("unsupported_response_type", "only response_type=code is supported");
		}
		String audience = optional(parameters, "aud");
		if (audience == null) {
			throw new AuthorizationErrorException("invalid_request", "aud is missing: it must be the FHIR base URL " + urls.fhirBaseUrl());
		}
		if (!stripSlash(audience).equals(urls.fhirBaseUrl())) {
			throw new AuthorizationErrorException("invalid_request", "aud must be the FHIR base URL " + urls.fhirBaseUrl());
		}
		String method = optional(parameters, "code_challenge_method");
		String challenge = optional(parameters, "code_challenge");
		if (challenge == null) {
			throw new AuthorizationErrorException("invalid_request", "PKCE is required: code_challenge is missing");
		}
		if (!"S256".equals(method)) {
			throw new AuthorizationErrorException("invalid_request", "code_challenge_method must be S256 (plain is not accepted)");
		}
		if (!CODE_CHALLENGE.matcher(challenge).matches()) {
			throw new AuthorizationErrorException("invalid_request", "code_challenge must be 43 to 128 characters of [A-Za-z0-9-._~]");
		}
		String scope = optional(parameters, "scope");
		if (scope == null || scope.isBlank()) {
			throw new AuthorizationErrorException("invalid_scope", "scope is required");
		}
		String nonce = optional(parameters, "nonce");
		if (nonce != null && nonce.length() > MAX_NONCE) {
			throw new AuthorizationErrorException("invalid_request", "nonce is longer than " + MAX_NONCE + " characters");
		}
		List<String> requested = Arrays.asList(scope.trim().split("\\s+"));
		String launchId = optional(parameters, "launch");
		if (launchId != null && !requested.contains("launch")) {
			throw new AuthorizationErrorException("invalid_request", "the launch parameter needs the launch scope");
		}
		if (launchId == null && requested.contains("launch")) {
			throw new AuthorizationErrorException("invalid_request", "the launch scope needs the launch parameter of an EHR launch");
		}
		Set<String> clinicalAndPlain = SmartScope.grant(requested, client.scopes(), USER_CONTEXTS);
		Set<String> granted = new LinkedHashSet<>();
		for (String wanted : requested) {
			// launch/patient and launch/encounter are context requests, which SmartScope.grant leaves out.
			if (clinicalAndPlain.contains(wanted) || (LAUNCH_CONTEXT_SCOPES.contains(wanted) && client.scopes().contains(wanted))) {
				granted.add(wanted);
			}
		}
		granted.addAll(clinicalAndPlain);
		if (granted.isEmpty()) {
			throw new AuthorizationErrorException("invalid_scope", "none of the requested scopes is allowed for client " + client.clientId());
		}
		if (launchId != null && !granted.contains("launch")) {
			throw new AuthorizationErrorException("invalid_scope", "client " + client.clientId() + " may not be launched from an EHR (launch scope)");
		}
		LaunchContext context = LaunchContext.none();
		String launchUser = null;
		if (launchId != null) {
			LaunchContexts.Launch launch = launches.consume(launchId).orElseThrow(() ->
					new AuthorizationErrorException("invalid_request", "launch is unknown, expired or already used"));
			context = launch.context();
			launchUser = launch.user();
		}
		boolean patientNeeded = granted.contains("launch/patient") || granted.stream().anyMatch(s -> s.startsWith("patient/"));
		return new PendingAuthorization(LaunchContexts.randomId(), client.clientId(), redirectUri, state, challenge,
				nonce, granted, context, launchUser, patientNeeded, clock.instant());
	}

	/** A parameter that identifies the client or its redirect: a repeat is shown as an error page. */
	private static String single(Map<String, String[]> parameters, String name) {
		String[] values = parameters.get(name);
		if (values == null || values[0].isEmpty()) {
			return null;
		}
		if (values.length > 1) {
			throw AuthorizationPageException.badRequest("auth.error.badRequest", "parameter " + name + " is repeated");
		}
		return values[0];
	}

	private static String optional(Map<String, String[]> parameters, String name) {
		return Optional.ofNullable(parameters.get(name)).map(values -> values[0]).filter(value -> !value.isEmpty()).orElse(null);
	}

	private static String stripSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}
}
