package jp.renkei.apps.fhir;

/** No access token could be obtained for a call to the FHIR server (its authorization server is down or refuses the app). */
public class AccessTokenUnavailableException extends RuntimeException {

	public AccessTokenUnavailableException(String message) {
		super(message);
	}

	public AccessTokenUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}
}
