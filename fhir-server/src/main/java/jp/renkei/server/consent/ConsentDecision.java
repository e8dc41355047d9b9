package jp.renkei.server.consent;

import java.util.Optional;

/**
 * Whether one facility may see one resource of a patient, and why (for the audit trail).
 *
 * @param permitted whether the resource may be shown
 * @param reason a short machine-readable reason ({@code own-record}, {@code permit}, {@code deny},
 *     {@code no-consent}, {@code excluded-category}, {@code opt-out-default})
 * @param consentId the Consent that decided, when one did
 */
public record ConsentDecision(boolean permitted, String reason, Optional<String> consentId) {

	static ConsentDecision permit(String reason, Optional<String> consentId) {
		return new ConsentDecision(true, reason, consentId);
	}

	static ConsentDecision deny(String reason, Optional<String> consentId) {
		return new ConsentDecision(false, reason, consentId);
	}
}
