package jp.renkei.server.smartclient;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * A SMART app made of static pages and the real {@code fhirclient} library, served by the JDK's
 * HTTP server on 127.0.0.1 at a random port (a secure context for the browser's WebCrypto, which
 * fhirclient's PKCE needs):
 *
 * <ul>
 *   <li>{@code /launch.html}: the launch URL. An EHR opens it with {@code ?iss=...&launch=...};
 *       {@code /launch.html?standalone} starts a standalone launch against the FHIR base this
 *       server was created with. It calls {@code FHIR.oauth2.authorize} with PKCE required.</li>
 *   <li>{@code /app.html}: the redirect URI. {@code FHIR.oauth2.ready()} exchanges the code, then
 *       the page reads {@code Patient/<patient in context>} and writes into the DOM:
 *       {@code #patient-id}, {@code #patient} (the resource JSON), {@code #status} ({@code done})
 *       or {@code #error}.</li>
 * </ul>
 */
final class SmartAppServer implements AutoCloseable {

	private final HttpServer server;
	private final String scope;
	private final String fhirBase;
	/** Known only once the app is registered, which needs the redirect URI (and so the port) first. */
	private volatile String clientId = "";

	SmartAppServer(String scope, String fhirBase) {
		this.scope = scope;
		this.fhirBase = fhirBase;
		byte[] library = read();
		try {
			server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		server.createContext("/fhir-client.js", exchange -> respond(exchange, "application/javascript", library));
		server.createContext("/launch.html", exchange -> respond(exchange, "text/html; charset=utf-8",
				launchPage().getBytes(StandardCharsets.UTF_8)));
		server.createContext("/app.html", exchange -> respond(exchange, "text/html; charset=utf-8",
				APP_PAGE.getBytes(StandardCharsets.UTF_8)));
		server.start();
	}

	void useClientId(String clientId) {
		this.clientId = clientId;
	}

	String clientId() {
		return clientId;
	}

	/** {@code http://127.0.0.1:<port>} */
	String origin() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	String launchUri() {
		return origin() + "/launch.html";
	}

	String redirectUri() {
		return origin() + "/app.html";
	}

	@Override
	public void close() {
		server.stop(0);
	}

	private String launchPage() {
		return """
				<!DOCTYPE html>
				<html lang="ja"><head><meta charset="utf-8"><title>fhirclient launch</title>
				<script src="/fhir-client.js"></script></head>
				<body><p id="status">launching</p><pre id="error"></pre>
				<script>
				  const standalone = new URLSearchParams(location.search).has("standalone");
				  FHIR.oauth2.authorize({
				    clientId: %s,
				    scope: %s,
				    redirectUri: %s,
				    iss: standalone ? %s : undefined,
				    pkceMode: "required"
				  }).catch(e => { document.getElementById("error").textContent = String(e); });
				</script></body></html>
				""".formatted(js(clientId), js(scope), js(redirectUri()), js(fhirBase));
	}

	private static final String APP_PAGE = """
			<!DOCTYPE html>
			<html lang="ja"><head><meta charset="utf-8"><title>fhirclient app</title>
			<script src="/fhir-client.js"></script></head>
			<body><p id="status">waiting</p><p id="patient-id"></p><pre id="patient"></pre><pre id="error"></pre>
			<script>
			  FHIR.oauth2.ready()
			    .then(client => {
			      document.getElementById("patient-id").textContent = client.patient.id;
			      return client.request("Patient/" + client.patient.id);
			    })
			    .then(patient => {
			      document.getElementById("patient").textContent = JSON.stringify(patient);
			      document.getElementById("status").textContent = "done";
			    })
			    .catch(e => {
			      document.getElementById("error").textContent = String(e);
			      document.getElementById("status").textContent = "failed";
			    });
			</script></body></html>
			""";

	private static String js(String value) {
		return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("<", "\\u003c") + "\"";
	}

	private static byte[] read() {
		try {
			return Files.readAllBytes(FhirClientJs.bundle());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void respond(HttpExchange exchange, String contentType, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.getResponseHeaders().set("Cache-Control", "no-store");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}
}
