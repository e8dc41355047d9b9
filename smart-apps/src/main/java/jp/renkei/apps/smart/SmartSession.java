package jp.renkei.apps.smart;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One user's SMART authorization, kept in their HTTP session on the apps' server only: the browser
 * holds nothing but the session cookie, never a token.
 *
 * <p>Mutable because tokens are refreshed in place; access is synchronized, as a user's parallel
 * requests share it.
 */
public final class SmartSession implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	/** The signed-in user as the verified id_token names them. */
	public record User(String subject, String fhirUser) implements Serializable {}

	private final String appId;
	private final User user;
	private final String patient;
	private final String encounter;
	private final boolean needPatientBanner;
	private final String scope;
	private final String styleUrl;
	/** Sent back by the apps' forms (emergency access, searches), so another site cannot post them for the user. */
	private final String csrfToken = SmartAuthorization.random();
	private String accessToken;
	private String refreshToken;
	private Instant expiresAt;
	/** Patients whose emergency-access window this user opened, with when it closes. */
	private final Map<String, Instant> emergencyWindows = new HashMap<>();
	/** Per session, so a user's parallel requests reuse one HAPI client; rebuilt after deserialization. */
	private transient IGenericClient fhirClient;

	SmartSession(String appId, User user, String patient, String encounter, boolean needPatientBanner, String scope,
			String styleUrl, String accessToken, String refreshToken, Instant expiresAt) {
		this.appId = appId;
		this.user = user;
		this.patient = patient;
		this.encounter = encounter;
		this.needPatientBanner = needPatientBanner;
		this.scope = scope;
		this.styleUrl = styleUrl;
		this.accessToken = accessToken;
		this.refreshToken = refreshToken;
		this.expiresAt = expiresAt;
	}

	public String appId() {
		return appId;
	}

	public User user() {
		return user;
	}

	/** The patient in context (EHR launch, or chosen at a standalone launch), if any. */
	public Optional<String> patient() {
		return Optional.ofNullable(patient);
	}

	public Optional<String> encounter() {
		return Optional.ofNullable(encounter);
	}

	/** Whether the EHR asked the app to show the patient banner (it shows it anyway on patient pages). */
	public boolean needPatientBanner() {
		return needPatientBanner;
	}

	public String scope() {
		return scope;
	}

	/** The {@code smart_style_url} of the launch, if the token response named one. */
	public Optional<String> styleUrl() {
		return Optional.ofNullable(styleUrl);
	}

	public String csrfToken() {
		return csrfToken;
	}

	/** Whether a form carried this session's CSRF token. */
	public boolean csrfMatches(String token) {
		return token != null && java.security.MessageDigest.isEqual(
				token.getBytes(java.nio.charset.StandardCharsets.US_ASCII), csrfToken.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
	}

	synchronized String accessToken() {
		return accessToken;
	}

	synchronized String refreshToken() {
		return refreshToken;
	}

	public synchronized Instant expiresAt() {
		return expiresAt;
	}

	synchronized void refreshed(String accessToken, String refreshToken, Instant expiresAt) {
		this.accessToken = accessToken;
		if (refreshToken != null) {
			this.refreshToken = refreshToken;
		}
		this.expiresAt = expiresAt;
	}

	/** Remembers that the FHIR server opened an emergency-access window for {@code patientId} until {@code until}. */
	public synchronized void emergencyAccessOpened(String patientId, Instant until) {
		emergencyWindows.put(patientId, until);
	}

	/** Whether an emergency-access window this user opened for {@code patientId} is still open at {@code now}. */
	public synchronized boolean inEmergencyAccess(String patientId, Instant now) {
		Instant until = emergencyWindows.get(patientId);
		return until != null && now.isBefore(until);
	}

	synchronized IGenericClient fhirClient() {
		return fhirClient;
	}

	synchronized void fhirClient(IGenericClient client) {
		this.fhirClient = client;
	}
}
