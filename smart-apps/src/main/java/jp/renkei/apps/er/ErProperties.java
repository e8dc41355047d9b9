package jp.renkei.apps.er;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The ER lookup app ({@code renkei.apps.er.*} in application.yaml).
 *
 * @param ehrScope scopes asked for when launched from an EHR
 * @param standaloneScope scopes asked for on a standalone launch (phone)
 * @param matchCount how many candidates {@code Patient/$match} is asked for
 * @param emergencyWindow how long the FHIR server keeps an emergency-access window open (its
 *     {@code renkei.emergency.window}); meanwhile the app sends the window's headers without a reason
 */
@Validated
@ConfigurationProperties("renkei.apps.er")
public record ErProperties(
		@NotBlank @DefaultValue("launch openid fhirUser online_access user/*.rs") String ehrScope,
		@NotBlank @DefaultValue("openid fhirUser online_access user/*.rs") String standaloneScope,
		@Positive @Max(50) @DefaultValue("10") int matchCount,
		@NotNull @DefaultValue("4h") Duration emergencyWindow) {}
