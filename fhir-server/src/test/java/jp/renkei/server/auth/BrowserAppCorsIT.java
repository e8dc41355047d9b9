package jp.renkei.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import jp.renkei.server.AbstractServerIT;
import org.junit.jupiter.api.Test;

/** Browser apps on another origin may call the token endpoint and /fhir (CORS without credentials). */
class BrowserAppCorsIT extends AbstractServerIT {

	private static final String APP_ORIGIN = "http://127.0.0.1:5173";
	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@Test
	void aPreflightForAnAuthorizedFhirReadIsAnsweredBeforeAnyTokenCheck() throws Exception {
		HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/Patient/123"))
				.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
				.header("Origin", APP_ORIGIN)
				.header("Access-Control-Request-Method", "GET")
				.header("Access-Control-Request-Headers", "authorization, accept")
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(preflight.statusCode()).isEqualTo(200);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase()).contains("authorization");
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
	}

	@Test
	void theTokenEndpointAndTheDiscoveryDocumentAllowOtherOrigins() throws Exception {
		HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/auth/token"))
				.header("Origin", APP_ORIGIN)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=x"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(token.statusCode()).isBetween(400, 401);
		assertThat(token.headers().firstValue("Access-Control-Allow-Origin")).contains("*");

		HttpResponse<String> discovery = HTTP.send(HttpRequest.newBuilder(
				URI.create("http://localhost:" + port + "/fhir/.well-known/smart-configuration")).header("Origin", APP_ORIGIN).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(discovery.headers().allValues("Access-Control-Allow-Origin")).containsExactly("*");
	}

	@Test
	void theAuthorizationPagesGetNoCorsHeaders() throws Exception {
		HttpResponse<String> authorize = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/auth/authorize"))
				.header("Origin", APP_ORIGIN).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(authorize.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}
}
