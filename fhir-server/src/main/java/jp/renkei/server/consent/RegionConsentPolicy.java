package jp.renkei.server.consent;

import java.util.Arrays;
import java.util.Optional;

/**
 * The region's consent model (CodeSystem {@code renkei-consent-policy} of the IG): what a patient's
 * silence means, and what a consent without listed facilities covers.
 */
public enum RegionConsentPolicy {

	/** 個別同意: shared only with the facilities a permit names in {@code provision.actor}. */
	OPT_IN_PER_FACILITY("opt-in-per-facility"),
	/** 包括同意: a permit covers every participating facility unless it names some. */
	OPT_IN_COMPREHENSIVE("opt-in-comprehensive"),
	/** オプトアウト: shared unless the patient objected with a deny. */
	OPT_OUT("opt-out");

	/** The IG's CodeSystem for {@code Consent.policyRule}. */
	public static final String SYSTEM = "http://renkei.example.jp/fhir/CodeSystem/renkei-consent-policy";

	private final String code;

	RegionConsentPolicy(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}

	public static Optional<RegionConsentPolicy> fromCode(String code) {
		return Arrays.stream(values()).filter(policy -> policy.code.equals(code)).findFirst();
	}
}
