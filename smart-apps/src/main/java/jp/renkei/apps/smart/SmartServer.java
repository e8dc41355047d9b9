package jp.renkei.apps.smart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import jp.renkei.apps.fhir.AccessTokenUnavailableException;
import jp.renkei.apps.fhir.RegionalFhirProperties;
import org.springframework.stereotype.Component;

/**
 * The one FHIR server the apps trust, and its SMART endpoints discovered from
 * {@code <fhir-base-url>/.well-known/smart-configuration} (fetched once, then kept).
 *
 * <p>An EHR launch names its FHIR server in {@code iss}; the apps accept it only when it is the
 * configured one ({@link #isOurs}), so a crafted launch link can never make them send a user to a
 * foreign authorization server or a token to a foreign FHIR server.
 */
@Component
public class SmartServer {

	/** What the apps use of the discovery document. */
	public record Endpoints(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI jwksUri, List<String> capabilities) {}

	private final String fhirBaseUrl;
	private final HttpClient http;
	private final RegionalFhirProperties properties;
	private final ObjectMapper json = new ObjectMapper();
	private volatile Endpoints endpoints;

	public SmartServer(RegionalFhirProperties properties) {
		this.properties = properties;
		this.fhirBaseUrl = withoutTrailingSlash(properties.fhirBaseUrl().toString());
		this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
	}

	/** The configured FHIR base URL, without a trailing slash: the {@code aud} of authorization requests. */
	public String fhirBaseUrl() {
		return fhirBaseUrl;
	}

	/** Whether {@code iss} of a launch is the configured FHIR server (exact match, trailing slash ignored). */
	public boolean isOurs(String iss) {
		return iss != null && withoutTrailingSlash(iss.strip()).equals(fhirBaseUrl);
	}

	/**
	 * The server's SMART endpoints.
	 *
	 * @throws AccessTokenUnavailableException when the discovery document cannot be fetched or lacks an endpoint
	 */
	public Endpoints endpoints() {
		Endpoints known = endpoints;
		if (known == null) {
			known = discover();
			endpoints = known;
		}
		return known;
	}

	private Endpoints discover() {
		URI discovery = URI.create(fhirBaseUrl + "/.well-known/smart-configuration");
		JsonNode document;
		try {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(discovery).timeout(properties.readTimeout())
					.header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new AccessTokenUnavailableException("SMART discovery at " + discovery + " answered " + response.statusCode());
			}
			document = json.readTree(response.body());
		} catch (IOException e) {
			throw new AccessTokenUnavailableException("SMART discovery at " + discovery + " cannot be reached: " + e.getMessage(), e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AccessTokenUnavailableException("SMART discovery was interrupted", e);
		}
		List<String> capabilities = document.path("capabilities").isArray()
				? json.convertValue(document.get("capabilities"), json.getTypeFactory().constructCollectionType(List.class, String.class))
				: List.of();
		return new Endpoints(document.path("issuer").asText(fhirBaseUrl),
				required(document, "authorization_endpoint", discovery), required(document, "token_endpoint", discovery),
				required(document, "jwks_uri", discovery), capabilities);
	}

	private static URI required(JsonNode document, String name, URI discovery) {
		if (!document.hasNonNull(name)) {
			throw new AccessTokenUnavailableException(discovery + " names no " + name);
		}
		return URI.create(document.get(name).asText());
	}

	private static String withoutTrailingSlash(String url) {
		return url.replaceAll("/+$", "");
	}
}
