package jp.renkei.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import jp.renkei.server.AbstractServerIT;
import jp.renkei.server.auth.SigningKeys;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.beans.factory.annotation.Autowired;

/** Requests to /fhir with a chosen token (or none), and what refusals must look like. */
public abstract class AbstractAccessIT extends AbstractServerIT {

	protected static final String FHIR_JSON = "application/fhir+json";
	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@Autowired
	SigningKeys signingKeys;

	protected AccessTokens tokens() {
		return new AccessTokens(signingKeys, authOrigin() + "/fhir");
	}

	/** Sends a request with {@code Authorization: <authorization>} (none when null). */
	protected HttpResponse<String> as(String authorization, String method, String pathAndQuery, String body) {
		return as(authorization, method, pathAndQuery, body, FHIR_JSON);
	}

	protected HttpResponse<String> as(String authorization, String method, String pathAndQuery, String body, String contentType) {
		return as(authorization, method, pathAndQuery, body, contentType, new String[0]);
	}

	/** Sends a request with extra headers, given as name, value, name, value... */
	protected HttpResponse<String> as(String authorization, String method, String pathAndQuery, String body, String contentType,
			String... headers) {
		String url = pathAndQuery.startsWith("http") ? pathAndQuery : baseUrl() + pathAndQuery;
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
				.timeout(Duration.ofSeconds(120))
				.header("Accept", FHIR_JSON)
				.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (body != null) {
			request.header("Content-Type", contentType);
		}
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
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

	protected HttpResponse<String> withToken(String token, String method, String pathAndQuery, String body) {
		return as("Bearer " + token, method, pathAndQuery, body);
	}

	protected HttpResponse<String> getWith(String token, String pathAndQuery) {
		return withToken(token, "GET", pathAndQuery, null);
	}

	protected static OperationOutcome outcome(HttpResponse<String> response) {
		assertThat(response.headers().firstValue("Content-Type").orElse("")).as(response.body()).contains("json");
		return (OperationOutcome) FHIR.newJsonParser().parseResource(response.body());
	}

	/** A 403 with an OperationOutcome saying so. */
	protected static OperationOutcome assertForbidden(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
		OperationOutcome outcome = outcome(response);
		assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
		return outcome;
	}

	/** A 403 for want of scope: the OperationOutcome and the RFC 6750 challenge. */
	protected static void assertInsufficientScope(HttpResponse<String> response) {
		OperationOutcome outcome = assertForbidden(response);
		assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.FORBIDDEN);
		assertThat(response.headers().firstValue("WWW-Authenticate")).as(response.body())
				.hasValueSatisfying(value -> assertThat(value).startsWith("Bearer ").contains("error=\"insufficient_scope\""));
	}

	protected static Bundle bundle(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return (Bundle) FHIR.newJsonParser().parseResource(response.body());
	}

	protected static <T extends Resource> T resource(HttpResponse<String> response, Class<T> type) {
		assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
		return type.cast(FHIR.newJsonParser().parseResource(response.body()));
	}
}
