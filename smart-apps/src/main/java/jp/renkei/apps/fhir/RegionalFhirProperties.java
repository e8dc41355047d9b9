package jp.renkei.apps.fhir;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the apps reach the regional FHIR server ({@code renkei.apps.*} in application.yaml).
 *
 * @param fhirBaseUrl the FHIR base URL of the regional server, e.g. {@code http://localhost:8080/fhir}
 * @param connectTimeout how long to wait for a TCP connection to the FHIR server
 * @param readTimeout how long to wait for the FHIR server's answer once connected
 * @param pageSize the {@code _count} asked for on searches; the server may answer with fewer
 */
@Validated
@ConfigurationProperties("renkei.apps")
public record RegionalFhirProperties(
		@NotNull @DefaultValue("http://localhost:8080/fhir") URI fhirBaseUrl,
		@NotNull @DefaultValue("3s") Duration connectTimeout,
		@NotNull @DefaultValue("10s") Duration readTimeout,
		@Positive @Max(1000) @DefaultValue("200") int pageSize) {}
