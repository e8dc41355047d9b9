package jp.renkei.server.auth;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser for the authorization pages in tests: its own cookie jar, follows redirects within the
 * server itself and stops at the first redirect elsewhere (the client's redirect URI or launch URL),
 * reads the forms' hidden fields from the HTML.
 */
final class Browser {

	private final HttpClient http;
	private final String origin;
	private final String acceptLanguage;

	Browser(int port) {
		this(port, "ja");
	}

	Browser(int port, String acceptLanguage) {
		this.origin = "http://127.0.0.1:" + port;
		this.acceptLanguage = acceptLanguage;
		this.http = HttpClient.newBuilder()
				.cookieHandler(new CookieManager())
				.followRedirects(HttpClient.Redirect.NEVER)
				.connectTimeout(Duration.ofSeconds(10))
				.build();
	}

	/** A page or the redirect that leaves the server. */
	record Page(int status, URI uri, String body, URI leftTo, List<String> setCookies) {

		/** The query parameters of the URL the server redirected out to. */
		Map<String, String> redirectParameters() {
			return query(leftTo);
		}

		String hidden(String name) {
			Matcher matcher = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(body);
			if (!matcher.find()) {
				throw new AssertionError("no hidden field " + name + " in " + uri + ":\n" + body);
			}
			return unescape(matcher.group(1));
		}

		/** The values of the checkboxes named {@code name}. */
		List<String> checkboxes(String name) {
			Matcher matcher = Pattern.compile("type=\"checkbox\" name=\"" + Pattern.quote(name) + "\"[^>]*value=\"([^\"]*)\"").matcher(body);
			List<String> values = new ArrayList<>();
			while (matcher.find()) {
				values.add(unescape(matcher.group(1)));
			}
			return values;
		}
	}

	Page get(String pathOrUrl) {
		return follow(send(HttpRequest.newBuilder(resolve(null, pathOrUrl)).GET()));
	}

	/** POSTs a form (name, value, name, value, ...) and follows the redirects within the server. */
	Page post(String path, String... fields) {
		return follow(send(HttpRequest.newBuilder(resolve(null, path))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form(fields)))));
	}

	String origin() {
		return origin;
	}

	static String form(String... fields) {
		List<String> pairs = new ArrayList<>();
		for (int i = 0; i < fields.length; i += 2) {
			pairs.add(URLEncoder.encode(fields[i], StandardCharsets.UTF_8) + "=" + URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
		}
		return String.join("&", pairs);
	}

	static Map<String, String> query(URI uri) {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (uri == null || uri.getRawQuery() == null) {
			return parameters;
		}
		for (String pair : uri.getRawQuery().split("&")) {
			int equals = pair.indexOf('=');
			parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
		}
		return parameters;
	}

	private Page follow(HttpResponse<String> response) {
		List<String> setCookies = new ArrayList<>();
		for (int hops = 0; hops < 10; hops++) {
			setCookies.addAll(response.headers().allValues("Set-Cookie"));
			int status = response.statusCode();
			if (status < 300 || status > 399) {
				return new Page(status, response.uri(), response.body(), null, setCookies);
			}
			URI next = resolve(response.uri(), response.headers().firstValue("Location").orElseThrow());
			if (!next.toString().startsWith(origin + "/")) {
				return new Page(status, response.uri(), response.body(), next, setCookies);
			}
			response = send(HttpRequest.newBuilder(next).GET());
		}
		throw new AssertionError("too many redirects");
	}

	private URI resolve(URI base, String location) {
		if (location.startsWith("http://") || location.startsWith("https://")) {
			return URI.create(location);
		}
		return base != null ? base.resolve(location) : URI.create(origin + location);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.header("Accept-Language", acceptLanguage).timeout(Duration.ofSeconds(60)).build(),
					HttpResponse.BodyHandlers.ofString());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static String unescape(String html) {
		return html.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">");
	}

	static String joined(Map<String, String> parameters) {
		return parameters.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
	}
}
