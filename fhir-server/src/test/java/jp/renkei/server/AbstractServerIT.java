package jp.renkei.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the real server on a random port, over real HTTP, on H2 in a
 * fresh data directory or, with the {@code mysql}/{@code postgresql} profile, on that database.
 * One Spring context is shared by all IT classes (same configuration), so the server starts once.
 * Tests create their own data with unique identifiers and never assume an empty database.
 */
@SpringBootTest(classes = FhirServerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class AbstractServerIT {

	protected static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final Path DATA_DIRECTORY = createDataDirectory();
	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

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
		return FHIR.newRestfulGenericClient(baseUrl());
	}

	/** Sends a raw HTTP request (for bodies and headers a FHIR client would never produce). */
	protected HttpResponse<String> send(String method, String pathAndQuery, String contentType, byte[] body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery))
				.timeout(Duration.ofSeconds(120))
				.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
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
	protected static Path fhirPackages() {
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
