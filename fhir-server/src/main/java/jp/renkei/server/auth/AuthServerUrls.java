package jp.renkei.server.auth;

import jp.renkei.server.config.FhirEndpointConfig;
import jp.renkei.server.config.FhirServerProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The URLs the authorization server announces and checks ({@code aud} of tokens and assertions).
 *
 * <p>The FHIR base URL is {@code renkei.server.public-base-url} when set, otherwise
 * {@code http://localhost:<port>/fhir} (development only). It is never taken from the request's
 * Host header: tokens are bound to it, so it must not depend on what a caller sends. The OAuth
 * endpoints live beside the FHIR endpoint, outside HAPI's servlet: {@code <origin>/auth/...},
 * where the origin is the FHIR base URL without its trailing {@code /fhir}.
 */
@Component
public class AuthServerUrls {

	public static final String AUTH_PATH = "/auth";

	private final FhirServerProperties serverProperties;
	private final AuthProperties authProperties;
	private final Environment environment;

	public AuthServerUrls(FhirServerProperties serverProperties, AuthProperties authProperties, Environment environment) {
		this.serverProperties = serverProperties;
		this.authProperties = authProperties;
		this.environment = environment;
	}

	/** The FHIR base URL: the {@code aud} of every access token we issue. */
	public String fhirBaseUrl() {
		String configured = serverProperties.publicBaseUrl();
		if (!configured.isBlank()) {
			return stripTrailingSlash(configured);
		}
		// Resolved on each call: with server.port=0 the real port is known only once Tomcat listens.
		String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
		return "http://localhost:" + port + FhirEndpointConfig.FHIR_PATH;
	}

	public String issuer() {
		return authProperties.issuer().isBlank() ? fhirBaseUrl() : stripTrailingSlash(authProperties.issuer());
	}

	public String authorizationEndpoint() {
		return authBase() + "/authorize";
	}

	/** The token endpoint: also the {@code aud} a client assertion must carry. */
	public String tokenEndpoint() {
		return authBase() + "/token";
	}

	public String introspectionEndpoint() {
		return authBase() + "/introspect";
	}

	public String revocationEndpoint() {
		return authBase() + "/revoke";
	}

	/** The client registration API (RFC 7591/7592, for admins; see {@link ClientRegistrationEndpoint}). */
	public String registrationEndpoint() {
		return authBase() + "/register";
	}

	public String jwksUri() {
		return authBase() + "/jwks";
	}

	/** The default {@code smart_style_url} of user tokens: the colours and fonts of our pages as SMART style JSON. */
	public String smartStyleUrl() {
		return authBase() + "/smart-style.json";
	}

	private String authBase() {
		String base = fhirBaseUrl();
		String origin = base.endsWith(FhirEndpointConfig.FHIR_PATH)
				? base.substring(0, base.length() - FhirEndpointConfig.FHIR_PATH.length())
				: base;
		return origin + AUTH_PATH;
	}

	private static String stripTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}
}
