package jp.renkei.server.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import jp.renkei.server.config.FhirEndpointConfig;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves {@code GET /fhir/.well-known/smart-configuration}. The path lies inside HAPI's servlet,
 * which would answer it as an unknown resource type; a filter on this one path answers first and
 * leaves every other request to HAPI untouched. Open to any origin: browser apps read it before
 * they have a token.
 */
public class SmartConfigurationFilter extends OncePerRequestFilter {

	static final String PATH = FhirEndpointConfig.FHIR_PATH + "/.well-known/smart-configuration";

	private final SmartConfiguration configuration;
	private final ObjectMapper json = new ObjectMapper();

	public SmartConfigurationFilter(SmartConfiguration configuration) {
		this.configuration = configuration;
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
		json.writeValue(response.getOutputStream(), configuration.document());
	}
}
