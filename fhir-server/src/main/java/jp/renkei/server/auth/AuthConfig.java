package jp.renkei.server.auth;

import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import jp.renkei.server.config.DatabasePlatform;
import jp.renkei.server.config.FhirServerProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the authorization server: keys, client authentication, token issuing and verification.
 * The protocol endpoints are Spring MVC controllers under {@code /auth}, outside HAPI's
 * {@code /fhir/*} servlet; only the SMART discovery document sits under {@code /fhir}, served by
 * a filter on that one path before HAPI sees the request.
 */
@Configuration
public class AuthConfig {

	private final Clock clock = Clock.systemUTC();

	@Bean
	public SigningKeys signingKeys(AuthProperties properties, FhirServerProperties serverProperties) {
		Path directory = properties.keyDirectory() != null
				? properties.keyDirectory()
				: serverProperties.dataDirectory().resolve("keys");
		return new SigningKeys(directory, properties.accessTokenLifetime(), clock);
	}

	/** Clients registered through the registration API, in the application's database. */
	@Bean
	public RegisteredClientStore registeredClientStore(DataSource dataSource, DatabasePlatform platform) {
		return new RegisteredClientStore(dataSource, platform);
	}

	/** Revoked access-token ids, until the tokens expire. */
	@Bean
	public ExpiringIdSet revokedTokenIds() {
		return new ExpiringIdSet(clock);
	}

	@Bean
	public ClientAuthenticator clientAuthenticator(ClientRegistry clients, AuthServerUrls urls) {
		return new ClientAuthenticator(clients, new ClientAssertionVerifier(clients, urls, new ExpiringIdSet(clock), clock));
	}

	@Bean
	public AccessTokenIssuer accessTokenIssuer(SigningKeys keys, AuthServerUrls urls, AuthProperties properties) {
		return new AccessTokenIssuer(keys, urls, properties.accessTokenLifetime(), clock);
	}

	@Bean
	public AccessTokenVerifier accessTokenVerifier(SigningKeys keys, AuthServerUrls urls, ExpiringIdSet revokedTokenIds) {
		return new AccessTokenVerifier(keys, urls, revokedTokenIds, clock);
	}

	@Bean
	public FilterRegistrationBean<DiscoveryDocumentFilter> smartConfigurationFilter(SmartConfiguration configuration) {
		FilterRegistrationBean<DiscoveryDocumentFilter> registration =
				new FilterRegistrationBean<>(new DiscoveryDocumentFilter(configuration::document));
		registration.addUrlPatterns(DiscoveryDocumentFilter.SMART_CONFIGURATION_PATH);
		return registration;
	}
}
