package jp.renkei.server.auth;

/** An access token that does not verify; the message says why, for the 401 answer and the log. */
public class InvalidAccessTokenException extends Exception {

	public InvalidAccessTokenException(String message) {
		super(message);
	}
}
