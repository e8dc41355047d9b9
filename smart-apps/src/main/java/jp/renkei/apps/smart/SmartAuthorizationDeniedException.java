package jp.renkei.apps.smart;

/**
 * The authorization server sent the user back with an error instead of a code (RFC 6749 4.1.2.1),
 * typically {@code access_denied}: the user declined, or is not allowed to use the app.
 */
public class SmartAuthorizationDeniedException extends RuntimeException {

	private final String appId;
	private final String error;

	public SmartAuthorizationDeniedException(String appId, String error) {
		super("the authorization server answered " + error);
		this.appId = appId;
		this.error = error;
	}

	public String appId() {
		return appId;
	}

	/** The RFC 6749 error code (only codes we know are shown; the description never is). */
	public String error() {
		return error;
	}
}
