package jp.renkei.server.emergency;

import java.time.Instant;

/**
 * An open emergency-access (break-the-glass) window: one user may see one patient's records without
 * that patient's consent until {@code expiresAt}, for the reason they gave.
 *
 * @param id the window's id (also named in the audit trail)
 * @param purposeOfUse {@code BTG} or {@code ETREAT} (HL7 v3 ActReason, system {@link #PURPOSE_OF_USE_SYSTEM})
 * @param reason the user's free-text justification, as given
 * @param patientId the one patient the window is for (logical id of the Patient)
 * @param username the user ({@code sub}) who opened it
 * @param organization {@code Organization/<id>} the user acted for, when known
 * @param openedAt when the reason was declared
 * @param expiresAt when the window closes
 * @param openedByThisRequest whether the current request declared the reason and opened the window
 */
public record EmergencyAccessGrant(
		String id,
		String purposeOfUse,
		String reason,
		String patientId,
		String username,
		String organization,
		Instant openedAt,
		Instant expiresAt,
		boolean openedByThisRequest) {

	/** HL7 v3 ActReason: the code system of {@code BTG} and {@code ETREAT}. */
	public static final String PURPOSE_OF_USE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
}
