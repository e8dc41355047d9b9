package jp.renkei.server.auth;

/**
 * An error of a validated authorization request: answered by redirecting to the client's redirect
 * URI with {@code error}, {@code error_description} and {@code state} (RFC 6749 section 4.1.2.1).
 */
class AuthorizationErrorException extends RuntimeException {

	private final String error;

	AuthorizationErrorException(String error, String description) {
		super(description);
		this.error = error;
	}

	String error() {
		return error;
	}
}
