package jp.renkei.server.auth;

import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionListener;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login sessions alive in this server: {@code online_access} refresh tokens work only while
 * the login session they were approved in is one of them. A session ends at sign-out, after the
 * idle timeout, or when the server stops (sessions are not persisted), and with it its online
 * refresh tokens; their rows are also revoked in the database when that is still reachable.
 */
public class LiveLoginSessions implements HttpSessionListener, HttpSessionAttributeListener {

	private static final Logger LOG = LoggerFactory.getLogger(LiveLoginSessions.class);

	private final Set<String> live = ConcurrentHashMap.newKeySet();
	private final RefreshTokens refreshTokens;

	public LiveLoginSessions(RefreshTokens refreshTokens) {
		this.refreshTokens = refreshTokens;
	}

	public boolean isLive(String loginSessionId) {
		return loginSessionId != null && live.contains(loginSessionId);
	}

	@Override
	public void attributeAdded(HttpSessionBindingEvent event) {
		if (event.getValue() instanceof LoginSession.SignedIn signedIn) {
			live.add(signedIn.loginSessionId());
		}
	}

	@Override
	public void attributeReplaced(HttpSessionBindingEvent event) {
		// getValue() is the old value here; the new one is in the session.
		end(event.getValue());
		attributeAdded(new HttpSessionBindingEvent(event.getSession(), event.getName(), event.getSession().getAttribute(event.getName())));
	}

	@Override
	public void attributeRemoved(HttpSessionBindingEvent event) {
		end(event.getValue());
	}

	@Override
	public void sessionDestroyed(HttpSessionEvent event) {
		end(event.getSession().getAttribute(LoginSession.userAttribute()));
	}

	private void end(Object value) {
		if (value instanceof LoginSession.SignedIn signedIn && live.remove(signedIn.loginSessionId())) {
			try {
				refreshTokens.revokeLoginSession(signedIn.loginSessionId());
			} catch (RuntimeException e) {
				// At shutdown the database may be gone already; the tokens are refused anyway, their session is not live.
				LOG.info("The online_access tokens of an ended login session could not be marked revoked: {}", e.getMessage());
			}
		}
	}
}
