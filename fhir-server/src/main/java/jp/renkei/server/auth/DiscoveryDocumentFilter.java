package jp.renkei.server.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;
import jp.renkei.server.config.FhirEndpointConfig;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves a discovery document under {@code /fhir/.well-known/}: SMART's
 * {@code smart-configuration} and OpenID Connect's {@code openid-configuration} (the issuer is our
 * FHIR base URL). These paths lie inside HAPI's servlet, which would answer them as an unknown
 * resource type; a filter on the one path answers first and leaves every other request to HAPI.
 * Open to any origin: browser apps read discovery before they have a token.
 */
public class DiscoveryDocumentFilter extends OncePerRequestFilter {

	static final String SMART_CONFIGURATION_PATH = FhirEndpointConfig.FHIR_PATH + "/.well-known/smart-configuration";
	static final String OPENID_CONFIGURATION_PATH = FhirEndpointConfig.FHIR_PATH + "/.well-known/openid-configuration";

	private final Supplier<Map<String, Object>> document;
	private final ObjectMapper json = new ObjectMapper();

	public DiscoveryDocumentFilter(Supplier<Map<String, Object>> document) {
		this.document = document;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!request.getMethod().equals("GET")) {
			response.setHeader("Allow", "GET");
			response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
			return;
		}
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setHeader("Access-Control-Allow-Origin", "*");
		json.writeValue(response.getOutputStream(), document.get());
	}
}
