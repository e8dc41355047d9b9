package jp.renkei.server.consent;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the consent workflows ({@code renkei.consent.workflow.*}).
 *
 * @param maxFormSize largest scanned consent form {@code $record-consent} accepts (decoded bytes);
 *     the whole request is also bounded by {@code renkei.server.max-request-size}
 */
@ConfigurationProperties("renkei.consent.workflow")
public record ConsentWorkflowProperties(@DefaultValue("10MB") DataSize maxFormSize) {

	public ConsentWorkflowProperties {
		if (maxFormSize.toBytes() < 1) {
			throw new IllegalArgumentException("renkei.consent.workflow.max-form-size must be positive: " + maxFormSize);
		}
	}
}
