package jp.renkei.server.emergency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Emergency access, break-the-glass ({@code renkei.emergency.*} in application.yaml).
 *
 * @param window how long a declared emergency access to one patient lasts (default 4 hours)
 * @param role the user role that may declare it (claim {@code roles} of the access token)
 * @param maxReasonLength the longest reason accepted, in characters
 */
@ConfigurationProperties("renkei.emergency")
public record EmergencyProperties(
		@DefaultValue("PT4H") Duration window,
		@DefaultValue("emergency") String role,
		@DefaultValue("1000") int maxReasonLength) {}
