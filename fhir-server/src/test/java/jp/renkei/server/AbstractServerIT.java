package jp.renkei.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import jp.renkei.server.auth.AuthHttp;
import jp.renkei.server.auth.TestBackendClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the real server on a random port, over real HTTP, on H2 in a
 * fresh data directory or, with the {@code mysql}/{@code postgresql} profile, on that database.
 * One Spring context is shared by all IT classes (same configuration), so the server starts once.
 * Tests create their own data with unique identifiers and never assume an empty database.
 *
 * <p>{@code /fhir} needs an access token: {@link #client()} and {@link #send} attach one, obtained
 * over real HTTP from {@code /auth/token} by the test-only backend client {@code test-suite}
 * (private_key_jwt, {@code system/*.cruds}) and reused until shortly before it expires.
 */
@SpringBootTest(classes = FhirServerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class AbstractServerIT {

	protected static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final Path DATA_DIRECTORY = createDataDirectory();
	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
	private static final ObjectMapper JSON = new ObjectMapper();
	/** The suite's system token and when to fetch a new one; one server per test run, so static. */
	private static String suiteToken;
	private static Instant suiteTokenRenewal = Instant.MIN;

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void serverProperties(DynamicPropertyRegistry registry) {
		registry.add("renkei.server.data-directory", DATA_DIRECTORY::toString);
		registry.add("renkei.demo.enabled", () -> "false");
	}

	protected String baseUrl() {
		return "http://127.0.0.1:" + port + "/fhir";
	}

	protected IGenericClient client() {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		FHIR.getRestfulClientFactory().setSocketTimeout(120_000);
		IGenericClient client = FHIR.newRestfulGenericClient(baseUrl());
		client.registerInterceptor(new IClientInterceptor() {
			@Override
			public void interceptRequest(IHttpRequest request) {
				request.addHeader("Authorization", authorization());
			}

			@Override
			public void interceptResponse(IHttpResponse response) {}
		});
		return client;
	}

	/** {@code Bearer <token>} of the suite's system token ({@code system/*.cruds}). */
	protected String authorization() {
		return "Bearer " + suiteToken();
	}

	private synchronized String suiteToken() {
		if (Instant.now().isAfter(suiteTokenRenewal)) {
			String assertion = TestBackendClient.signRs384(
					TestBackendClient.claims(authOrigin() + "/auth/token", TestBackendClient.SUITE_CLIENT_ID).build());
			HttpResponse<String> response = AuthHttp.postForm(port, "/auth/token", null, "grant_type", "client_credentials",
					"scope", "system/*.cruds", "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
					"client_assertion", assertion);
			if (response.statusCode() != 200) {
				throw new IllegalStateException("The test suite could not get an access token: " + response.body());
			}
			try {
				JsonNode body = JSON.readTree(response.body());
				suiteToken = body.get("access_token").asText();
				suiteTokenRenewal = Instant.now().plusSeconds(body.get("expires_in").asLong() - 60);
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return suiteToken;
	}

	/** The origin the server announces (tokens and assertions are bound to it, not to 127.0.0.1). */
	protected String authOrigin() {
		return "http://localhost:" + port;
	}

	/** Sends a raw HTTP request with the suite's token (for bodies and headers a FHIR client would never produce). */
	protected HttpResponse<String> send(String method, String pathAndQuery, String contentType, byte[] body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery))
				.timeout(Duration.ofSeconds(120))
				.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		request.header("Authorization", authorization());
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	protected HttpResponse<String> get(String pathAndQuery) {
		return send("GET", pathAndQuery, null, null);
	}

	/** The folder with the JP Core package files (../shared/fhir-packages). */
	public static Path fhirPackages() {
		return Path.of(System.getProperty("renkei.shared.dir", "../../shared")).resolve("fhir-packages");
	}

	private static Path createDataDirectory() {
		try {
			return Files.createTempDirectory("renkei-it-");
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
