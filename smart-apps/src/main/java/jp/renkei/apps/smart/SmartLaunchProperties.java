package jp.renkei.apps.smart;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * User launches of the apps ({@code renkei.apps.smart.*} in application.yaml): EHR launch and
 * standalone launch with the authorization code flow. The client id is the one of
 * {@code renkei.apps.backend-services.client-id}; the FHIR server is {@code renkei.apps.fhir-base-url}
 * (the only {@code iss} an EHR launch is accepted from).
 *
 * @param appBaseUrl the apps' own origin as users' browsers reach it, e.g. {@code https://apps.example.jp};
 *     the redirect URI is {@code <app-base-url>/smart/callback} and must be registered exactly so.
 *     Empty: taken from each request (development only: it trusts the Host header)
 * @param refreshBefore refresh the access token when it expires within this time
 * @param loginTimeout how long a started authorization (state, PKCE verifier, nonce) waits for the callback
 */
@Validated
@ConfigurationProperties("renkei.apps.smart")
public record SmartLaunchProperties(
		@DefaultValue("") String appBaseUrl,
		@NotNull @DefaultValue("60s") Duration refreshBefore,
		@NotNull @DefaultValue("10m") Duration loginTimeout) {

	/** The app base URL without a trailing slash, or empty. */
	public String appBaseUrlOrEmpty() {
		return appBaseUrl.replaceAll("/+$", "");
	}
}
