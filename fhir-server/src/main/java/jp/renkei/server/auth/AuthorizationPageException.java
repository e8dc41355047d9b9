package jp.renkei.server.auth;

import org.springframework.http.HttpStatus;

/**
 * A problem shown to the user as an error page, without redirecting to the client: the client or
 * its redirect URI could not be trusted (RFC 6749 section 4.1.2.1), the request expired, or a form
 * came without its CSRF token.
 */
public class AuthorizationPageException extends RuntimeException {

	private final String messageKey;
	private final HttpStatus status;

	public AuthorizationPageException(String messageKey, String detail, HttpStatus status) {
		super(detail);
		this.messageKey = messageKey;
		this.status = status;
	}

	static AuthorizationPageException badRequest(String messageKey, String detail) {
		return new AuthorizationPageException(messageKey, detail, HttpStatus.BAD_REQUEST);
	}

	/** The message bundle key of the text shown to the user. */
	public String messageKey() {
		return messageKey;
	}

	public HttpStatus status() {
		return status;
	}
}
