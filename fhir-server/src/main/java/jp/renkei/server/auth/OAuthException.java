package jp.renkei.server.auth;

import org.springframework.http.HttpStatus;

/**
 * An OAuth error answered as RFC 6749 section 5.2 JSON ({@code error}, {@code error_description}).
 * The description is shown to the client: it explains what was wrong, never echoing a secret or an assertion.
 */
public class OAuthException extends RuntimeException {

	private final String error;
	private final HttpStatus status;
	private final boolean basicChallenge;

	private OAuthException(String error, String description, HttpStatus status, boolean basicChallenge) {
		super(description);
		this.error = error;
		this.status = status;
		this.basicChallenge = basicChallenge;
	}

	public static OAuthException invalidRequest(String description) {
		return new OAuthException("invalid_request", description, HttpStatus.BAD_REQUEST, false);
	}

	/** Client authentication failed (RFC 7523 section 3.2 uses it for every bad client assertion too). */
	public static OAuthException invalidClient(String description) {
		return new OAuthException("invalid_client", description, HttpStatus.UNAUTHORIZED, false);
	}

	/** Client authentication with the Authorization header failed: RFC 6749 requires a WWW-Authenticate challenge. */
	public static OAuthException invalidClientBasic(String description) {
		return new OAuthException("invalid_client", description, HttpStatus.UNAUTHORIZED, true);
	}

	public static OAuthException invalidGrant(String description) {
		return new OAuthException("invalid_grant", description, HttpStatus.BAD_REQUEST, false);
	}

	public static OAuthException unauthorizedClient(String description) {
		return new OAuthException("unauthorized_client", description, HttpStatus.BAD_REQUEST, false);
	}

	public static OAuthException unsupportedGrantType(String description) {
		return new OAuthException("unsupported_grant_type", description, HttpStatus.BAD_REQUEST, false);
	}

	public static OAuthException invalidScope(String description) {
		return new OAuthException("invalid_scope", description, HttpStatus.BAD_REQUEST, false);
	}

	public String error() {
		return error;
	}

	public HttpStatus status() {
		return status;
	}

	public boolean basicChallenge() {
		return basicChallenge;
	}
}
