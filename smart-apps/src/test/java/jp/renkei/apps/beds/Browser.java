package jp.renkei.apps.beds;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Fetches pages of the app over HTTP the way a browser asks for them (HTML first). */
final class Browser {

	private final HttpClient http = HttpClient.newHttpClient();
	private final int port;

	Browser(int port) {
		this.port = port;
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(request(path));
	}

	/** Sends only the {@code name=value} part of a {@code Set-Cookie} the app gave before. */
	HttpResponse<String> get(String path, String setCookie) throws IOException, InterruptedException {
		return send(request(path).header("Cookie", setCookie.split(";", 2)[0]));
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				// Spring Boot answers errors to browsers with its HTML error page, to others with JSON.
				.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}
}
