package jp.renkei.server.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import jp.renkei.server.auth.AuthHttp;
import jp.renkei.server.auth.TestBackendClient;
import org.hl7.fhir.r4.model.Resource;

/** Raw FHIR requests over HTTP with a chosen access token and headers, and facility tokens. */
final class FhirHttp {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final String FHIR_JSON = "application/fhir+json";
	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
	private static final ObjectMapper JSON = new ObjectMapper();

	private final CucumberSpringConfiguration server;

	FhirHttp(CucumberSpringConfiguration server) {
		this.server = server;
	}

	/**
	 * A token of a facility's backend system (test-only client {@code clientId} with the test keys,
	 * private_key_jwt), obtained over HTTP from the token endpoint like any facility system does.
	 */
	String facilityToken(String clientId, String scope) {
		String assertion = TestBackendClient.signRs384(
				TestBackendClient.claims(server.authOrigin() + "/auth/token", clientId).build());
		HttpResponse<String> response = AuthHttp.postForm(server.port(), "/auth/token", null, "grant_type", "client_credentials",
				"scope", scope, "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
				"client_assertion", assertion);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		try {
			return JSON.readTree(response.body()).get("access_token").asText();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	HttpResponse<String> get(String token, String pathAndQuery, Map<String, String> headers) {
		return send(token, "GET", pathAndQuery, null, headers);
	}

	HttpResponse<String> send(String token, String method, String pathAndQuery, Resource body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.fhirBaseUrl() + pathAndQuery))
				.timeout(Duration.ofSeconds(120))
				.header("Accept", FHIR_JSON)
				.header("Authorization", "Bearer " + token)
				.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(body), StandardCharsets.UTF_8));
		if (body != null) {
			request.header("Content-Type", FHIR_JSON + "; charset=utf-8");
		}
		headers.forEach(request::header);
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** Writes {@code resource} (POST, or PUT when it has an id) and returns what the server stored. */
	<T extends Resource> T write(String token, T resource) {
		boolean update = resource.getIdElement().hasIdPart();
		String path = "/" + resource.fhirType() + (update ? "/" + resource.getIdElement().getIdPart() : "");
		HttpResponse<String> response = send(token, update ? "PUT" : "POST", path, resource, Map.of("Prefer", "return=representation"));
		assertThat(response.statusCode()).as(path + " " + response.body()).isBetween(200, 201);
		@SuppressWarnings("unchecked")
		T stored = (T) parse(response.body());
		return stored;
	}

	static Resource parse(String json) {
		return (Resource) FHIR.newJsonParser().parseResource(json);
	}

	static JsonNode json(String body) {
		try {
			return JSON.readTree(body);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
