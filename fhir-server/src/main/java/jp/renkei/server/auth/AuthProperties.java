package jp.renkei.server.auth;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the SMART authorization server ({@code renkei.auth.*} in application.yaml).
 *
 * @param issuer the {@code iss} of our tokens; empty = the FHIR base URL (see {@link AuthServerUrls})
 * @param accessTokenLifetime how long an access token is valid; also how long a retired signing key stays published
 * @param keyDirectory where the signing keys are kept as JWK files; empty = {@code <renkei.server.data-directory>/keys}
 * @param clients the clients declared in configuration
 */
@ConfigurationProperties("renkei.auth")
public record AuthProperties(
		@DefaultValue("") String issuer,
		@DefaultValue("5m") Duration accessTokenLifetime,
		Path keyDirectory,
		@DefaultValue List<Client> clients) {

	/** How a client authenticates at the token endpoint (SMART App Launch 2 client types). */
	public enum ClientType {
		/** A browser or mobile app without credentials: PKCE only. */
		PUBLIC,
		/** Authenticates with a shared secret ({@code client_secret_basic}); only its hash is configured. */
		CONFIDENTIAL_SYMMETRIC,
		/** Authenticates with a JWT signed by a key from its JWKS ({@code private_key_jwt}). */
		CONFIDENTIAL_ASYMMETRIC
	}

	/**
	 * A client declared in configuration.
	 *
	 * @param clientId the {@code client_id}
	 * @param type how it authenticates
	 * @param secretHash for confidential-symmetric clients: the secret hashed by {@link ClientSecretHash}, never the secret
	 * @param jwks for confidential-asymmetric clients: its public JWK Set as inline JSON
	 * @param jwksUri for confidential-asymmetric clients: where its public JWK Set is published (instead of {@code jwks})
	 * @param redirectUris the redirect URIs it may use (exact match)
	 * @param scopes the scopes it may be granted; a request gets the intersection
	 * @param organization for facility systems: the Organization it acts for ({@code Organization/123}), put into its tokens
	 * @param clientName the name shown to users on the scope approval page and in the launch simulator
	 * @param launchUri for SMART apps: the URL an EHR opens to launch it ({@code ?iss=...&launch=...})
	 */
	public record Client(
			String clientId,
			ClientType type,
			String secretHash,
			String jwks,
			URI jwksUri,
			@DefaultValue List<String> redirectUris,
			@DefaultValue List<String> scopes,
			String organization,
			String clientName,
			URI launchUri) {}
}
