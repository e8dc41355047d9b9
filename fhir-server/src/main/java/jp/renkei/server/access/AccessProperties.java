package jp.renkei.server.access;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Resource-protection settings ({@code renkei.auth.*} in application.yaml, beside the authorization
 * server's own settings).
 *
 * @param openAccessForDevelopment when true, {@code /fhir} answers without an access token: for local
 *     development only, logged as a warning at start and on every CapabilityStatement request; never on by default
 */
@ConfigurationProperties("renkei.auth")
public record AccessProperties(@DefaultValue("false") boolean openAccessForDevelopment) {}
