package jp.renkei.apps.smart;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import jp.renkei.apps.fhir.RegionalFhirClient;
import org.springframework.stereotype.Component;

/**
 * The signed-in user's {@link SmartSession} of the current request, and their FHIR client: a HAPI
 * generic client per session whose bearer token is refreshed before it expires.
 */
@Component
public class SmartSessions {

	static final String ATTRIBUTE = SmartSession.class.getName();

	private final SmartAuthorization authorization;
	private final RegionalFhirClient fhir;

	public SmartSessions(SmartAuthorization authorization, RegionalFhirClient fhir) {
		this.authorization = authorization;
		this.fhir = fhir;
	}

	/** The session of a user who launched {@code appId}, or the "session expired" page. */
	public SmartSession require(HttpServletRequest request, String appId) {
		return current(request).filter(session -> session.appId().equals(appId))
				.orElseThrow(() -> new SmartSessionExpiredException(appId, "no SMART session for " + appId));
	}

	public Optional<SmartSession> current(HttpServletRequest request) {
		HttpSession http = request.getSession(false);
		return http == null ? Optional.empty() : Optional.ofNullable((SmartSession) http.getAttribute(ATTRIBUTE));
	}

	/** The user's FHIR client (created on first use, then kept with the session). */
	public IGenericClient fhirClient(SmartSession session) {
		synchronized (session) {
			IGenericClient client = session.fhirClient();
			if (client == null) {
				client = fhir.clientWith(() -> Optional.of(authorization.accessToken(session)));
				session.fhirClient(client);
			}
			return client;
		}
	}

	/** Ends the user's SMART session (sign-out, or the server refused the token for good). */
	public void end(HttpServletRequest request) {
		HttpSession http = request.getSession(false);
		if (http != null) {
			http.removeAttribute(ATTRIBUTE);
		}
	}

	static void store(HttpSession http, SmartSession session) {
		http.setAttribute(ATTRIBUTE, session);
	}
}
