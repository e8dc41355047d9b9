package jp.renkei.server.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the authorization server keeps in a browser's HTTP session: the signed-in user, a sign-in
 * waiting for its second factor, the authorization requests in progress, and the CSRF token of
 * the session's forms. The session cookie is HttpOnly and SameSite=Lax (application.yaml); its id
 * changes at sign-in (session fixation).
 */
public final class LoginSession {

	private static final String USER = "renkei.auth.user";
	private static final String PENDING_SIGN_IN = "renkei.auth.pendingSignIn";
	private static final String REQUESTS = "renkei.auth.requests";
	private static final String CSRF = "renkei.auth.csrf";
	private static final int MAX_REQUESTS = 10;

	/**
	 * A signed-in user.
	 *
	 * @param account the account
	 * @param loginSessionId a random id of this login (online_access tokens end with it)
	 * @param authTime when they signed in
	 */
	public record SignedIn(UserAccount account, String loginSessionId, Instant authTime) {}

	/** Password accepted, waiting for the TOTP code. */
	record PendingSignIn(String username, Instant since) {}

	private final HttpServletRequest request;

	private LoginSession(HttpServletRequest request) {
		this.request = request;
	}

	public static LoginSession of(HttpServletRequest request) {
		return new LoginSession(request);
	}

	public Optional<SignedIn> signedIn() {
		HttpSession session = request.getSession(false);
		return session == null ? Optional.empty() : Optional.ofNullable((SignedIn) session.getAttribute(USER));
	}

	/** Signs {@code account} in: a new session id (session fixation), a new CSRF token. */
	public SignedIn signIn(UserAccount account, Instant now) {
		request.getSession(true);
		request.changeSessionId();
		HttpSession session = request.getSession();
		session.removeAttribute(PENDING_SIGN_IN);
		SignedIn signedIn = new SignedIn(account, LaunchContexts.randomId(), now);
		session.setAttribute(USER, signedIn);
		session.setAttribute(CSRF, LaunchContexts.randomId());
		return signedIn;
	}

	void awaitSecondFactor(String username, Instant now) {
		request.getSession(true);
		request.changeSessionId();
		request.getSession().setAttribute(PENDING_SIGN_IN, new PendingSignIn(username, now));
	}

	Optional<PendingSignIn> pendingSignIn() {
		HttpSession session = request.getSession(false);
		return session == null ? Optional.empty() : Optional.ofNullable((PendingSignIn) session.getAttribute(PENDING_SIGN_IN));
	}

	void clearPendingSignIn() {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.removeAttribute(PENDING_SIGN_IN);
		}
	}

	/** Ends the session (sign-out). */
	public void invalidate() {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
	}

	public void putRequest(PendingAuthorization pending) {
		Map<String, PendingAuthorization> requests = requests(true);
		synchronized (requests) {
			if (requests.size() >= MAX_REQUESTS) {
				requests.remove(requests.keySet().iterator().next());
			}
			requests.put(pending.id(), pending);
		}
	}

	public Optional<PendingAuthorization> request(String id) {
		Map<String, PendingAuthorization> requests = requests(false);
		if (requests == null || id == null) {
			return Optional.empty();
		}
		synchronized (requests) {
			return Optional.ofNullable(requests.get(id));
		}
	}

	public void removeRequest(String id) {
		Map<String, PendingAuthorization> requests = requests(false);
		if (requests != null) {
			synchronized (requests) {
				requests.remove(id);
			}
		}
	}

	/** The CSRF token of this session's forms (created with the session). */
	public String csrfToken() {
		HttpSession session = request.getSession(true);
		String token = (String) session.getAttribute(CSRF);
		if (token == null) {
			token = LaunchContexts.randomId();
			session.setAttribute(CSRF, token);
		}
		return token;
	}

	/** Whether {@code submitted} is this session's CSRF token. */
	public boolean csrfMatches(String submitted) {
		HttpSession session = request.getSession(false);
		String expected = session == null ? null : (String) session.getAttribute(CSRF);
		return expected != null && submitted != null
				&& MessageDigest.isEqual(expected.getBytes(), submitted.getBytes());
	}

	@SuppressWarnings("unchecked")
	private Map<String, PendingAuthorization> requests(boolean create) {
		HttpSession session = request.getSession(create);
		if (session == null) {
			return null;
		}
		synchronized (this.getClass()) {
			Map<String, PendingAuthorization> requests = (Map<String, PendingAuthorization>) session.getAttribute(REQUESTS);
			if (requests == null && create) {
				requests = new LinkedHashMap<>();
				session.setAttribute(REQUESTS, requests);
			}
			return requests;
		}
	}

	static String userAttribute() {
		return USER;
	}
}
