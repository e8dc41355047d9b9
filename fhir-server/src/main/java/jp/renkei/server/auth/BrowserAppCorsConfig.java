package jp.renkei.server.auth;

import java.util.List;
import jp.renkei.server.config.FhirEndpointConfig;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Cross-origin access for SMART apps running in a browser (the {@code fhirclient} JavaScript
 * library and the like): they exchange the authorization code at the token endpoint and call
 * {@code /fhir} with a bearer token from their own origin. The CapabilityStatement announces
 * {@code cors: true}. Any origin is allowed but without credentials: these endpoints read no
 * cookies, only the bearer token or client authentication a request carries, so a foreign page
 * gains nothing it could not do by itself. The authorize and login pages are navigated to, never
 * fetched, and get no CORS headers. Preflight requests are answered here, before token checks.
 */
@Configuration
public class BrowserAppCorsConfig {

	private static final List<String> OAUTH_PATHS = List.of(AuthServerUrls.AUTH_PATH + "/token", AuthServerUrls.AUTH_PATH + "/revoke");

	@Bean
	public FilterRegistrationBean<CorsFilter> browserAppCorsFilter() {
		CorsConfiguration fhir = new CorsConfiguration();
		fhir.setAllowedOrigins(List.of("*"));
		fhir.setAllowCredentials(false);
		fhir.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
		fhir.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "Accept-Language", "Prefer",
				"If-Match", "If-None-Match", "If-None-Exist", "If-Modified-Since", "X-Request-Id"));
		fhir.setExposedHeaders(List.of("Location", "Content-Location", "ETag", "Last-Modified", "WWW-Authenticate", "X-Request-Id"));
		fhir.setMaxAge(3600L);

		CorsConfiguration oauth = new CorsConfiguration();
		oauth.setAllowedOrigins(List.of("*"));
		oauth.setAllowCredentials(false);
		oauth.setAllowedMethods(List.of("POST", "OPTIONS"));
		oauth.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept"));
		oauth.setExposedHeaders(List.of("WWW-Authenticate"));
		oauth.setMaxAge(3600L);

		// Matched on the full request path: under HAPI's servlet the servlet path is /fhir, and Spring's
		// path helpers would look at the rest only.
		CorsConfigurationSource source = request -> {
			String path = request.getRequestURI().substring(request.getContextPath().length());
			if (path.equals(FhirEndpointConfig.FHIR_PATH) || path.startsWith(FhirEndpointConfig.FHIR_PATH + "/")) {
				return fhir;
			}
			return OAUTH_PATHS.contains(path) ? oauth : null;
		};
		FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new CorsFilter(source));
		registration.addUrlPatterns(FhirEndpointConfig.FHIR_PATH + "/*", AuthServerUrls.AUTH_PATH + "/token", AuthServerUrls.AUTH_PATH + "/revoke");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}
}
