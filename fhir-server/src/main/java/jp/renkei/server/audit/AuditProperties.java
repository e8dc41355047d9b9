package jp.renkei.server.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit trail's settings ({@code renkei.audit.*} in application.yaml).
 *
 * @param enabled record an AuditEvent for every request touching patient data; {@code false} exists only
 *     to measure the trail's overhead and is logged as a warning at start
 * @param materializerInterval how often journal rows are turned into AuditEvent resources
 * @param batchSize journal rows turned into AuditEvents per database transaction
 */
@ConfigurationProperties("renkei.audit")
public record AuditProperties(
		@DefaultValue("true") boolean enabled,
		@DefaultValue("1s") Duration materializerInterval,
		@DefaultValue("200") int batchSize) {

	public AuditProperties {
		if (materializerInterval.isNegative() || materializerInterval.isZero()) {
			throw new IllegalArgumentException("renkei.audit.materializer-interval must be positive");
		}
		if (batchSize < 1) {
			throw new IllegalArgumentException("renkei.audit.batch-size must be at least 1");
		}
	}
}
