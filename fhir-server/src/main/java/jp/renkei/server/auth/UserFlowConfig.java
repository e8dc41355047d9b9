package jp.renkei.server.auth;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import jp.renkei.server.config.FhirServerProperties;
import jp.renkei.server.demo.DemoProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Wires the user-facing SMART flows: users and their sign-in (password, TOTP, lock-out), launch
 * ids, authorization codes, refresh tokens and the token endpoint's user grants.
 */
@Configuration
public class UserFlowConfig {

	private static final Logger LOG = LoggerFactory.getLogger(UserFlowConfig.class);

	@Bean
	public Clock authClock() {
		return Clock.systemUTC();
	}

	@Bean
	public UserDirectory userDirectory(UserAuthProperties properties, DemoProperties demo, FhirServerProperties server,
			Clock authClock) {
		List<UserAccount> accounts = new ArrayList<>();
		properties.users().forEach(user -> accounts.add(UserDirectory.fromConfiguration(user)));
		if (demo.enabled()) {
			accounts.addAll(DemoUsers.loadOrCreate(server.dataDirectory(), demo.patients(), authClock));
		}
		LOG.info("{} users can sign in", accounts.size());
		return new UserDirectory(accounts);
	}

	@Bean
	public UserAuthenticator userAuthenticator(UserDirectory users, UserAuthProperties properties, Clock authClock) {
		return new UserAuthenticator(users,
				new LoginLockout(properties.login().maxFailures(), properties.login().lockoutDuration(), authClock),
				new Totp(authClock));
	}

	@Bean
	public LaunchContexts launchContexts(UserAuthProperties properties, Clock authClock) {
		return new LaunchContexts(properties.launchLifetime(), authClock);
	}

	@Bean
	public AuthorizationCodes authorizationCodes(UserAuthProperties properties, Clock authClock) {
		return new AuthorizationCodes(properties.authorizationCodeLifetime(), authClock);
	}

	@Bean
	public RefreshTokens refreshTokens(DataSource dataSource, ExpiringIdSet revokedTokenIds, Clock authClock) {
		return new RefreshTokens(new JdbcTemplate(dataSource), revokedTokenIds, authClock);
	}

	@Bean
	public UserTokenGrants userTokenGrants(ClientRegistry clients, ClientAuthenticator authenticator, AuthorizationCodes codes,
			RefreshTokens refreshTokens, AccessTokenIssuer issuer, ExpiringIdSet revokedTokenIds, AuthServerUrls urls,
			UserAuthProperties properties, LiveLoginSessions liveLoginSessions, Clock authClock) {
		return new UserTokenGrants(clients, authenticator, codes, refreshTokens, issuer, revokedTokenIds, urls, properties,
				liveLoginSessions, authClock);
	}

	@Bean
	public PatientFinder patientFinder(DaoRegistry daoRegistry) {
		return new PatientFinder(daoRegistry);
	}

	@Bean
	public ScopeDescriptions scopeDescriptions(MessageSource messageSource) {
		return new ScopeDescriptions(messageSource);
	}

	@Bean
	public FilterRegistrationBean<DiscoveryDocumentFilter> openIdConfigurationFilter(AuthServerUrls urls) {
		FilterRegistrationBean<DiscoveryDocumentFilter> registration =
				new FilterRegistrationBean<>(new DiscoveryDocumentFilter(new OpenIdConfiguration(urls)::document));
		registration.addUrlPatterns(DiscoveryDocumentFilter.OPENID_CONFIGURATION_PATH);
		return registration;
	}

	/** online_access ends with the login session: sign-out, idle timeout or a restart end its refresh tokens. */
	@Bean
	public LiveLoginSessions liveLoginSessions(RefreshTokens refreshTokens) {
		return new LiveLoginSessions(refreshTokens);
	}
}
