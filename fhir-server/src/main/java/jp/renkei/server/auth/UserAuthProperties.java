package jp.renkei.server.auth;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the user-facing SMART flows ({@code renkei.auth.*} beside {@link AuthProperties}):
 * the users who sign in, lock-out, and the lifetimes of codes, launch ids and refresh tokens.
 * Kept apart from {@link AuthProperties} (clients and keys) so each part of the authorization
 * server reads only its own settings.
 *
 * @param users the users declared in configuration (demo users are generated, see {@link DemoUsers})
 * @param login lock-out after repeated failures
 * @param authorizationCodeLifetime how long an authorization code may be exchanged
 * @param launchLifetime how long an EHR launch id may be used
 * @param offlineAccessLifetime lifetime of an {@code offline_access} refresh token family (absolute, from sign-in)
 * @param onlineAccessLifetime longest lifetime of an {@code online_access} refresh token family; it ends
 *     earlier when the user's login session ends (sign-out or idle timeout)
 * @param launchSimulator the EHR launch simulator page
 */
@ConfigurationProperties("renkei.auth")
public record UserAuthProperties(
		@DefaultValue List<User> users,
		@DefaultValue Login login,
		@DefaultValue("60s") Duration authorizationCodeLifetime,
		@DefaultValue("5m") Duration launchLifetime,
		@DefaultValue("14d") Duration offlineAccessLifetime,
		@DefaultValue("8h") Duration onlineAccessLifetime,
		@DefaultValue LaunchSimulator launchSimulator) {

	/**
	 * A user who signs in at the login page.
	 *
	 * @param username the login id (also the {@code sub} of the user's tokens)
	 * @param passwordHash the password hashed by {@link ClientSecretHash} (PBKDF2-HMAC-SHA256), never the password
	 * @param totpSecret the RFC 6238 TOTP secret in Base32; empty = no second factor for this user
	 * @param fhirUser the user's resource, relative: {@code Practitioner/x}, {@code PractitionerRole/x} or {@code Patient/y}
	 * @param organization the Organization the user works for ({@code Organization/x}); practitioners only
	 * @param roles regional roles ({@code emergency}, {@code privacy-officer}, ...)
	 * @param displayName the name shown on the pages
	 */
	public record User(
			String username,
			String passwordHash,
			String totpSecret,
			String fhirUser,
			String organization,
			@DefaultValue List<String> roles,
			String displayName) {}

	/**
	 * @param maxFailures failed sign-ins (password or second factor) after which the account is locked
	 * @param lockoutDuration how long a locked account stays locked
	 */
	public record Login(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration lockoutDuration) {}

	/** @param enabled serve {@code /launch-simulator} (demo profile only) */
	public record LaunchSimulator(@DefaultValue("false") boolean enabled) {}
}
