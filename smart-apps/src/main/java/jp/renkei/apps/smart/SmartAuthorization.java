package jp.renkei.apps.smart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import jp.renkei.apps.fhir.AccessTokenUnavailableException;
import jp.renkei.apps.fhir.RegionalFhirProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The apps' side of SMART App Launch 2 for users: the authorization code flow with PKCE (S256),
 * {@code state} and {@code nonce}, as the confidential client {@code renkei-apps} authenticating at
 * the token endpoint with {@code private_key_jwt}; the id_token verified; tokens kept in the HTTP
 * session ({@link SmartSession}) and refreshed before they expire.
 */
@Service
public class SmartAuthorization {

	static final String CALLBACK_PATH = "/smart/callback";
	private static final Logger LOG = LoggerFactory.getLogger(SmartAuthorization.class);
	private static final String PENDING = SmartAuthorization.class.getName() + ".pending";
	private static final SecureRandom RANDOM = new SecureRandom();

	private final SmartServer server;
	private final IdTokenVerifier idTokens;
	private final BackendServicesTokenSource assertions;
	private final BackendServicesProperties client;
	private final SmartLaunchProperties properties;
	private final RegionalFhirProperties fhir;
	private final HttpClient http;
	private final ObjectMapper json = new ObjectMapper();
	private final Clock clock;

	public SmartAuthorization(SmartServer server, IdTokenVerifier idTokens, BackendServicesTokenSource assertions,
			BackendServicesProperties client, SmartLaunchProperties properties, RegionalFhirProperties fhir, Clock clock) {
		this.server = server;
		this.idTokens = idTokens;
		this.assertions = assertions;
		this.client = client;
		this.properties = properties;
		this.fhir = fhir;
		this.clock = clock;
		this.http = HttpClient.newBuilder().connectTimeout(fhir.connectTimeout()).build();
	}

	/**
	 * Starts an authorization: remembers state, PKCE verifier and nonce in the session and returns
	 * the authorization endpoint URL to redirect the browser to.
	 *
	 * @param launch the EHR's launch id, or null for a standalone launch
	 */
	public URI begin(HttpServletRequest request, SmartApp app, String launch) {
		SmartServer.Endpoints endpoints = server.endpoints();
		PendingAuthorization pending = new PendingAuthorization(random(), random(), random(), app.id(), launch != null,
				clock.instant());
		pending(request.getSession(true)).put(pending.state(), pending);
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("response_type", "code");
		parameters.put("client_id", client.clientId());
		parameters.put("redirect_uri", redirectUri(request));
		parameters.put("scope", launch != null ? app.ehrScope() : app.standaloneScope());
		parameters.put("state", pending.state());
		parameters.put("nonce", pending.nonce());
		parameters.put("aud", server.fhirBaseUrl());
		parameters.put("code_challenge", s256(pending.codeVerifier()));
		parameters.put("code_challenge_method", "S256");
		if (launch != null) {
			parameters.put("launch", launch);
		}
		String separator = endpoints.authorizationEndpoint().getQuery() == null ? "?" : "&";
		return URI.create(endpoints.authorizationEndpoint() + separator + form(parameters));
	}

	/**
	 * Completes the authorization on the callback: checks {@code state}, exchanges the code (with the
	 * PKCE verifier and a client assertion), verifies the id_token and stores the tokens in a new
	 * {@link SmartSession} of a renewed HTTP session.
	 *
	 * @return the session and the app it belongs to
	 */
	public SmartSession complete(HttpServletRequest request, String state, String code, String error, SmartApps apps) {
		HttpSession http = request.getSession(false);
		PendingAuthorization pending = http == null || state == null ? null : pending(http).remove(state);
		if (pending == null) {
			// No state of ours: a forged or replayed callback, or the session ran out during sign-in.
			throw new SmartSessionExpiredException(null, "callback without a pending authorization for its state");
		}
		SmartApp app = apps.find(pending.appId());
		if (error != null) {
			throw new SmartAuthorizationDeniedException(app.id(), error);
		}
		if (clock.instant().isAfter(pending.startedAt().plus(properties.loginTimeout()))) {
			throw new SmartSessionExpiredException(app.id(), "the sign-in took longer than " + properties.loginTimeout());
		}
		if (code == null || code.isBlank()) {
			throw new SmartLaunchRejectedException(app.id(), "callback without code or error");
		}
		JsonNode tokens = token(app.id(), Map.of(
				"grant_type", "authorization_code",
				"code", code,
				"redirect_uri", redirectUri(request),
				"code_verifier", pending.codeVerifier()));
		if (!tokens.hasNonNull("id_token")) {
			throw new SmartLaunchRejectedException(app.id(), "the token response has no id_token");
		}
		JWTClaimsSet identity;
		try {
			identity = idTokens.verify(tokens.get("id_token").asText(), client.clientId(), pending.nonce());
		} catch (IdTokenVerifier.InvalidIdTokenException e) {
			throw new SmartLaunchRejectedException(app.id(), "id_token rejected: " + e.getMessage(), e);
		}
		SmartSession session = new SmartSession(app.id(),
				new SmartSession.User(identity.getSubject(), (String) identity.getClaim("fhirUser")),
				text(tokens, "patient"), text(tokens, "encounter"), tokens.path("need_patient_banner").asBoolean(false),
				tokens.path("scope").asText(""), text(tokens, "smart_style_url"), tokens.get("access_token").asText(), text(tokens, "refresh_token"),
				expiry(tokens));
		// A new session id once signed in (session fixation); the pending requests of other tabs move along.
		request.changeSessionId();
		SmartSessions.store(request.getSession(), session);
		LOG.info("User {} launched {} ({} launch, patient {})", session.user().subject(), app.id(),
				pending.ehrLaunch() ? "EHR" : "standalone", session.patient().orElse("none"));
		return session;
	}

	/**
	 * The session's access token, refreshed first when it expires within {@code refresh-before}.
	 *
	 * @throws SmartSessionExpiredException when it has expired and cannot be refreshed
	 */
	public String accessToken(SmartSession session) {
		synchronized (session) {
			Instant now = clock.instant();
			if (now.isBefore(session.expiresAt().minus(properties.refreshBefore()))) {
				return session.accessToken();
			}
			if (session.refreshToken() == null) {
				if (now.isBefore(session.expiresAt())) {
					return session.accessToken();
				}
				throw new SmartSessionExpiredException(session.appId(), "the access token expired and there is no refresh token");
			}
			JsonNode tokens;
			try {
				tokens = token(session.appId(), Map.of("grant_type", "refresh_token", "refresh_token", session.refreshToken()));
			} catch (SmartLaunchRejectedException e) {
				throw new SmartSessionExpiredException(session.appId(), "refresh refused: " + e.getMessage());
			}
			session.refreshed(tokens.get("access_token").asText(), text(tokens, "refresh_token"), expiry(tokens));
			LOG.debug("Refreshed the access token of {} for {}", session.user().subject(), session.appId());
			return session.accessToken();
		}
	}

	private JsonNode token(String appId, Map<String, String> grant) {
		URI endpoint = server.endpoints().tokenEndpoint();
		Map<String, String> parameters = new LinkedHashMap<>(grant);
		parameters.put("client_id", client.clientId());
		parameters.put("client_assertion_type", BackendServicesTokenSource.ASSERTION_TYPE);
		parameters.put("client_assertion", assertions.clientAssertion(endpoint.toString()));
		HttpResponse<String> response;
		try {
			response = http.send(HttpRequest.newBuilder(endpoint).timeout(fhir.readTimeout())
					.header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(form(parameters))).build(), HttpResponse.BodyHandlers.ofString());
		} catch (IOException e) {
			throw new AccessTokenUnavailableException("the token endpoint " + endpoint + " cannot be reached: " + e.getMessage(), e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AccessTokenUnavailableException("the token request was interrupted", e);
		}
		JsonNode body = parse(response.body());
		if (response.statusCode() == 400 || response.statusCode() == 401) {
			// RFC 6749 error JSON: error and description carry no secret.
			throw new SmartLaunchRejectedException(appId, "the token endpoint answered " + response.statusCode() + " "
					+ body.path("error").asText() + ": " + body.path("error_description").asText());
		}
		if (response.statusCode() != 200 || !body.hasNonNull("access_token")) {
			throw new AccessTokenUnavailableException("the token endpoint answered " + response.statusCode());
		}
		return body;
	}

	private JsonNode parse(String body) {
		try {
			return json.readTree(body);
		} catch (IOException e) {
			return json.createObjectNode();
		}
	}

	private Instant expiry(JsonNode tokens) {
		return clock.instant().plusSeconds(tokens.path("expires_in").asLong(300));
	}

	private String redirectUri(HttpServletRequest request) {
		String base = properties.appBaseUrlOrEmpty();
		if (base.isEmpty()) {
			base = ServletUriComponentsBuilder.fromContextPath(request).replaceQuery(null).build().toUriString();
		}
		return base + CALLBACK_PATH;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, PendingAuthorization> pending(HttpSession session) {
		synchronized (session) {
			Object pending = session.getAttribute(PENDING);
			if (pending == null) {
				pending = new HashMap<String, PendingAuthorization>();
				session.setAttribute(PENDING, pending);
			}
			return (Map<String, PendingAuthorization>) pending;
		}
	}

	private static String text(JsonNode node, String name) {
		return node.hasNonNull(name) ? node.get(name).asText() : null;
	}

	/** 32 random bytes, base64url: a state, nonce or PKCE verifier (43 characters). */
	static String random() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String s256(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String form(Map<String, String> parameters) {
		return parameters.entrySet().stream()
				.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
	}
}
