package jp.renkei.server.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A user's access token the way a clinician's app gets one: the authorization code flow with PKCE of
 * the test-only app {@code test-confidential-app}, through the real sign-in and approval pages
 * (with their cookies and CSRF fields) and the real token endpoint.
 */
final class UserSignIn {

	private static final String APP = "test-confidential-app";
	/** Test-only secret of test-confidential-app (src/test/resources/config/application.yaml). */
	private static final String APP_SECRET = "test-only-secret-for-confidential-app";
	private static final String REDIRECT_URI = "http://127.0.0.1:9/confidential/callback";
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final SecureRandom RANDOM = new SecureRandom();

	private final String origin;
	private final String fhirAudience;
	private final HttpClient http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(10))
			.build();

	/**
	 * @param port the server's port
	 * @param fhirAudience the FHIR base URL the server announces (the token's audience)
	 */
	UserSignIn(int port, String fhirAudience) {
		this.origin = "http://127.0.0.1:" + port;
		this.fhirAudience = fhirAudience;
	}

	/** Signs {@code username} in, approves {@code scope} and returns the access token. */
	String accessToken(String username, String password, String scope) {
		String verifier = random(48);
		String state = random(12);
		Map<String, String> request = new LinkedHashMap<>();
		request.put("response_type", "code");
		request.put("client_id", APP);
		request.put("redirect_uri", REDIRECT_URI);
		request.put("scope", scope);
		request.put("state", state);
		request.put("aud", fhirAudience);
		request.put("code_challenge", s256(verifier));
		request.put("code_challenge_method", "S256");

		Page login = follow(send(HttpRequest.newBuilder(URI.create(origin + "/auth/authorize?" + query(request))).GET()));
		assertThat(login.uri().getPath()).as(login.body()).isEqualTo("/auth/login");
		Page approval = post("/auth/login", "_csrf", login.hidden("_csrf"), "request", login.hidden("request"),
				"username", username, "password", password);
		assertThat(approval.uri().getPath()).as(approval.body()).isEqualTo("/auth/authorize/consent");
		List<String> fields = new ArrayList<>(List.of("_csrf", approval.hidden("_csrf"), "request", approval.hidden("request"),
				"decision", "approve"));
		Matcher scopes = Pattern.compile("type=\"checkbox\" name=\"scope\"[^>]*value=\"([^\"]*)\"").matcher(approval.body());
		while (scopes.find()) {
			fields.add("scope");
			fields.add(scopes.group(1));
		}
		Page redirect = post("/auth/authorize/consent", fields.toArray(String[]::new));
		assertThat(redirect.leftTo()).as(redirect.body()).isNotNull();
		Map<String, String> answer = parameters(redirect.leftTo().getRawQuery());
		assertThat(answer).as(redirect.leftTo().toString()).containsEntry("state", state).containsKey("code");

		HttpResponse<String> token = send(HttpRequest.newBuilder(URI.create(origin + "/auth/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((APP + ":" + APP_SECRET).getBytes(StandardCharsets.UTF_8)))
				.POST(HttpRequest.BodyPublishers.ofString(form("grant_type", "authorization_code", "code", answer.get("code"),
						"redirect_uri", REDIRECT_URI, "code_verifier", verifier))));
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		try {
			JsonNode body = JSON.readTree(token.body());
			return body.get("access_token").asText();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private record Page(int status, URI uri, String body, URI leftTo) {

		String hidden(String name) {
			Matcher matcher = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(body);
			if (!matcher.find()) {
				throw new AssertionError("no hidden field " + name + " in " + uri + ":\n" + body);
			}
			return matcher.group(1).replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'")
					.replace("&lt;", "<").replace("&gt;", ">");
		}
	}

	private Page post(String path, String... fields) {
		return follow(send(HttpRequest.newBuilder(URI.create(origin + path))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form(fields)))));
	}

	/** Follows redirects within the server; stops at the first one that leaves it (the app's redirect URI). */
	private Page follow(HttpResponse<String> response) {
		for (int hops = 0; hops < 10; hops++) {
			int status = response.statusCode();
			if (status < 300 || status > 399) {
				return new Page(status, response.uri(), response.body(), null);
			}
			URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
			if (!next.toString().startsWith(origin + "/")) {
				return new Page(status, response.uri(), response.body(), next);
			}
			response = send(HttpRequest.newBuilder(next).GET());
		}
		throw new AssertionError("too many redirects");
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.header("Accept-Language", "ja").timeout(Duration.ofSeconds(60)).build(),
					HttpResponse.BodyHandlers.ofString());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static String form(String... fields) {
		List<String> pairs = new ArrayList<>();
		for (int i = 0; i < fields.length; i += 2) {
			pairs.add(encode(fields[i]) + "=" + encode(fields[i + 1]));
		}
		return String.join("&", pairs);
	}

	private static String query(Map<String, String> parameters) {
		return parameters.entrySet().stream().map(e -> e.getKey() + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
	}

	private static Map<String, String> parameters(String rawQuery) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String pair : rawQuery.split("&")) {
			int equals = pair.indexOf('=');
			parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
		}
		return parameters;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String s256(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String random(int bytes) {
		byte[] value = new byte[bytes];
		RANDOM.nextBytes(value);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
	}
}
