package jp.renkei.server.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.renkei.server.auth.AuthProperties.ClientType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /auth/launch}: an EHR registers the context of an EHR launch and gets the opaque
 * launch id to open the app with ({@code <launch URL>?iss=<FHIR base>&launch=<id>}). The caller is
 * a confidential client allowed the {@code launch} scope, authenticated like at the token endpoint.
 *
 * <p>Form parameters: {@code patient}, {@code encounter} (ids), {@code user} (the username the EHR
 * launches as; only that user can then bind the launch), {@code need_patient_banner} (true/false),
 * {@code smart_style_url}, {@code fhirContext} (a JSON array of relative references). Answer:
 * {@code {"launch": "<id>", "expires_in": 300}}.
 */
@RestController
public class LaunchEndpoint {

	private static final Logger LOG = LoggerFactory.getLogger(LaunchEndpoint.class);
	private static final String ID = "[A-Za-z0-9\\-.]{1,64}";
	private static final String REFERENCE = "[A-Z][A-Za-z]+/" + ID;

	private final ClientAuthenticator authenticator;
	private final LaunchContexts launches;
	private final ObjectMapper json = new ObjectMapper();

	public LaunchEndpoint(ClientAuthenticator authenticator, LaunchContexts launches) {
		this.authenticator = authenticator;
		this.launches = launches;
	}

	@PostMapping(AuthServerUrls.AUTH_PATH + "/launch")
	public ResponseEntity<Map<String, Object>> launch(HttpServletRequest request) {
		Map<String, String> parameters = FormParameters.of(request);
		RegisteredClient client = authenticator.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION), parameters);
		if (client.type() == ClientType.PUBLIC || !client.scopes().contains("launch")) {
			throw OAuthException.unauthorizedClient("client " + client.clientId() + " may not create EHR launches");
		}
		LaunchContext context = new LaunchContext(
				id(parameters, "patient"), id(parameters, "encounter"),
				Boolean.parseBoolean(parameters.getOrDefault("need_patient_banner", "true")),
				url(parameters.get("smart_style_url")), fhirContext(parameters.get("fhirContext")));
		String user = parameters.get("user");
		if (user != null && !user.matches("[A-Za-z0-9._@\\-]{1,64}")) {
			throw OAuthException.invalidRequest("user must be a username");
		}
		String id = launches.create(context, user, client.clientId());
		LOG.info("Client {} created an EHR launch (patient {}, encounter {})", client.clientId(), context.patient(), context.encounter());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("launch", id);
		body.put("expires_in", launches.lifetime().toSeconds());
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
	}

	private static String id(Map<String, String> parameters, String name) {
		String value = parameters.get(name);
		if (value != null && !value.matches(ID)) {
			throw OAuthException.invalidRequest(name + " must be a resource id");
		}
		return value;
	}

	private static String url(String value) {
		if (value != null && !value.matches("https?://[^\\s]{1,2000}")) {
			throw OAuthException.invalidRequest("smart_style_url must be an http(s) URL");
		}
		return value;
	}

	private List<String> fhirContext(String value) {
		if (value == null) {
			return List.of();
		}
		try {
			JsonNode array = json.readTree(value);
			List<String> references = new ArrayList<>();
			if (!array.isArray() || array.size() > 20) {
				throw OAuthException.invalidRequest("fhirContext must be a JSON array of at most 20 relative references");
			}
			for (JsonNode reference : array) {
				if (!reference.isTextual() || !reference.asText().matches(REFERENCE)) {
					throw OAuthException.invalidRequest("fhirContext must hold relative references such as ServiceRequest/123");
				}
				references.add(reference.asText());
			}
			return references;
		} catch (JsonProcessingException e) {
			throw OAuthException.invalidRequest("fhirContext is not JSON");
		}
	}
}
