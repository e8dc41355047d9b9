package jp.renkei.apps.smart;

/**
 * The user has no (longer a) SMART authorization for this page: never launched, the HTTP session
 * timed out, or the FHIR server no longer accepts the token and refreshing failed. Shown as the
 * "session expired" page with a link to launch the app again.
 */
public class SmartSessionExpiredException extends RuntimeException {

	private final String appId;

	public SmartSessionExpiredException(String appId, String message) {
		super(message);
		this.appId = appId;
	}

	public String appId() {
		return appId;
	}
}
