package jp.renkei.apps.smart;

/**
 * A launch or callback the apps refuse: an {@code iss} other than the configured FHIR server, a
 * missing launch id, an unknown or expired {@code state}, an id_token that does not verify, a code
 * the token endpoint refuses. Shown as a 400 page with a link to start again; the reason is logged only.
 */
public class SmartLaunchRejectedException extends RuntimeException {

	private final String appId;

	public SmartLaunchRejectedException(String appId, String message) {
		super(message);
		this.appId = appId;
	}

	public SmartLaunchRejectedException(String appId, String message, Throwable cause) {
		super(message, cause);
		this.appId = appId;
	}

	public String appId() {
		return appId;
	}
}
