package jp.renkei.server.consent;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Consent enforcement ({@code renkei.consent.*} in application.yaml).
 *
 * @param policy the region's consent policy: {@code opt-in-per-facility} (個別同意, default),
 *     {@code opt-in-comprehensive} (包括同意) or {@code opt-out}
 * @param enforced whether consent is enforced at all; {@code false} exists only for the overhead
 *     benchmark and is logged as a warning at start
 * @param regionOperatorClients backend clients (SMART Backend Services, no user) that act for the
 *     region as a whole, such as the region's integration engine, and see every record without
 *     consent; configuration only, never registrable through the API; their accesses are audited
 */
@ConfigurationProperties("renkei.consent")
public record ConsentProperties(
		@DefaultValue("opt-in-per-facility") String policy,
		@DefaultValue("true") boolean enforced,
		@DefaultValue List<String> regionOperatorClients) {

	public ConsentProperties {
		regionOperatorClients = List.copyOf(regionOperatorClients);
		if (RegionConsentPolicy.fromCode(policy).isEmpty()) {
			throw new IllegalArgumentException("renkei.consent.policy must be one of opt-in-per-facility, "
					+ "opt-in-comprehensive, opt-out; was " + policy);
		}
	}

	public RegionConsentPolicy regionPolicy() {
		return RegionConsentPolicy.fromCode(policy).orElseThrow();
	}
}
