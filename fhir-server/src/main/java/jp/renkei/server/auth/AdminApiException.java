package jp.renkei.server.auth;

import org.springframework.http.HttpStatus;

/**
 * A refused request to an admin API (client registration, key rotation), answered as OAuth error
 * JSON ({@code error}, {@code error_description}) by {@link AdminApiErrorHandler}: RFC 7591's
 * registration errors with 400, RFC 6750's bearer-token errors with 401/403 and a
 * {@code WWW-Authenticate: Bearer} challenge. The description never contains a secret or a token.
 */
public class AdminApiException extends RuntimeException {

	/** RFC 7591 section 3.2.2. */
	public static final String INVALID_REDIRECT_URI = "invalid_redirect_uri";
	/** RFC 7591 section 3.2.2. */
	public static final String INVALID_CLIENT_METADATA = "invalid_client_metadata";

	private final HttpStatus status;
	private final String error;
	private final String challenge;

	private AdminApiException(HttpStatus status, String error, String description, String challenge) {
		super(description);
		this.status = status;
		this.error = error;
		this.challenge = challenge;
	}

	public static AdminApiException badRequest(String error, String description) {
		return new AdminApiException(HttpStatus.BAD_REQUEST, error, description, null);
	}

	public static AdminApiException notFound(String description) {
		return new AdminApiException(HttpStatus.NOT_FOUND, "not_found", description, null);
	}

	/** No token, or one that does not verify (RFC 6750 section 3.1: no error code in the challenge when none was sent). */
	public static AdminApiException unauthorized(String description, boolean tokenSent) {
		String challenge = tokenSent
				? "Bearer realm=\"renkei\", error=\"invalid_token\", error_description=\"" + quoted(description) + "\""
				: "Bearer realm=\"renkei\"";
		return new AdminApiException(HttpStatus.UNAUTHORIZED, "invalid_token", description, challenge);
	}

	/** A valid token without the needed scope. */
	public static AdminApiException insufficientScope(String description, String scope) {
		return new AdminApiException(HttpStatus.FORBIDDEN, "insufficient_scope", description,
				"Bearer realm=\"renkei\", error=\"insufficient_scope\", scope=\"" + scope + "\"");
	}

	public HttpStatus status() {
		return status;
	}

	public String error() {
		return error;
	}

	/** The {@code WWW-Authenticate} value, or null. */
	public String challenge() {
		return challenge;
	}

	private static String quoted(String text) {
		return text.replace("\\", "\\\\").replace("\"", "'");
	}
}
