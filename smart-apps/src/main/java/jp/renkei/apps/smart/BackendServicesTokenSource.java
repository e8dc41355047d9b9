package jp.renkei.apps.smart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import jp.renkei.apps.fhir.AccessTokenSource;
import jp.renkei.apps.fhir.AccessTokenUnavailableException;
import jp.renkei.apps.fhir.RegionalFhirProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A system token for the apps, as a SMART Backend Services client: the token endpoint is discovered
 * from the FHIR server's {@code .well-known/smart-configuration}; the apps authenticate with a client
 * assertion signed by {@link AppSigningKey} ({@code private_key_jwt}, RS384, five-minute lifetime,
 * unique {@code jti}) and keep the token until shortly before it expires.
 */
@Component
public class BackendServicesTokenSource implements AccessTokenSource {

	static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
	private static final Logger LOG = LoggerFactory.getLogger(BackendServicesTokenSource.class);
	/** Renew this long before expiry, so a token never runs out in the middle of a paged search. */
	private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(60);

	private final BackendServicesProperties properties;
	private final AppSigningKey key;
	private final URI fhirBaseUrl;
	private final Duration timeout;
	private final HttpClient http;
	private final ObjectMapper json = new ObjectMapper();
	private final Clock clock = Clock.systemUTC();

	private String tokenEndpoint;
	private String token;
	private Instant renewAt = Instant.MIN;

	public BackendServicesTokenSource(BackendServicesProperties properties, AppSigningKey key, RegionalFhirProperties fhir) {
		this.properties = properties;
		this.key = key;
		this.fhirBaseUrl = fhir.fhirBaseUrl();
		this.timeout = fhir.readTimeout();
		this.http = HttpClient.newBuilder().connectTimeout(fhir.connectTimeout()).build();
		if (!properties.enabled()) {
			LOG.warn("renkei.apps.backend-services.enabled is false: the apps call the FHIR server without a token");
		}
	}

	@Override
	public synchronized Optional<String> accessToken() {
		if (!properties.enabled()) {
			return Optional.empty();
		}
		if (token == null || !clock.instant().isBefore(renewAt)) {
			requestToken();
		}
		return Optional.of(token);
	}

	/** A client assertion for {@code audience} (the token endpoint), as SMART Backend Services asks. */
	public String clientAssertion(String audience) {
		Instant now = clock.instant();
		return key.sign(new JWTClaimsSet.Builder()
				.issuer(properties.clientId())
				.subject(properties.clientId())
				.audience(audience)
				.issueTime(Date.from(now))
				.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
				.jwtID(UUID.randomUUID().toString())
				.build());
	}

	private void requestToken() {
		String endpoint = tokenEndpoint();
		String form = "grant_type=client_credentials"
				+ "&scope=" + encode(properties.scope())
				+ "&client_assertion_type=" + encode(ASSERTION_TYPE)
				+ "&client_assertion=" + encode(clientAssertion(endpoint));
		JsonNode answer = call(HttpRequest.newBuilder(URI.create(endpoint))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(form)), "the token endpoint " + endpoint);
		if (!answer.hasNonNull("access_token")) {
			throw new AccessTokenUnavailableException("The token endpoint " + endpoint + " answered without an access_token");
		}
		token = answer.get("access_token").asText();
		long lifetime = answer.path("expires_in").asLong(300);
		renewAt = clock.instant().plusSeconds(lifetime).minus(RENEW_BEFORE_EXPIRY);
		LOG.info("Obtained a system token for {} with scope {}", properties.clientId(), answer.path("scope").asText());
	}

	private String tokenEndpoint() {
		if (tokenEndpoint == null) {
			String base = fhirBaseUrl.toString().replaceAll("/+$", "");
			URI discovery = URI.create(base + "/.well-known/smart-configuration");
			JsonNode document = call(HttpRequest.newBuilder(discovery).header("Accept", "application/json").GET(),
					"SMART discovery at " + discovery);
			if (!document.hasNonNull("token_endpoint")) {
				throw new AccessTokenUnavailableException(discovery + " names no token_endpoint");
			}
			tokenEndpoint = document.get("token_endpoint").asText();
		}
		return tokenEndpoint;
	}

	private JsonNode call(HttpRequest.Builder request, String what) {
		try {
			HttpResponse<String> response = http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				// The body is an RFC 6749 error (error, error_description): no secret in it.
				throw new AccessTokenUnavailableException(what + " answered " + response.statusCode() + ": " + response.body());
			}
			return json.readTree(response.body());
		} catch (IOException e) {
			throw new AccessTokenUnavailableException(what + " cannot be reached: " + e.getMessage(), e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AccessTokenUnavailableException(what + " was interrupted", e);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
