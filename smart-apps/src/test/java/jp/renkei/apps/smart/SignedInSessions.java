package jp.renkei.apps.smart;

import jakarta.servlet.http.HttpSession;
import java.time.Instant;

/** For slice tests of app pages: a signed-in {@link SmartSession} put into an HTTP session, as a launch leaves it. */
public final class SignedInSessions {

	private SignedInSessions() {}

	/** A session of {@code appId} for a user whose token (never checked by the test FHIR server) is {@code accessToken}. */
	public static SmartSession put(HttpSession http, String appId, String patient, String accessToken) {
		SmartSession session = new SmartSession(appId, new SmartSession.User("test-user", "Practitioner/test"), patient, null,
				patient != null, "openid fhirUser user/*.rs", null, accessToken, null, Instant.now().plusSeconds(3600));
		SmartSessions.store(http, session);
		return session;
	}
}
