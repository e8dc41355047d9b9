package jp.renkei.apps.smart;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The apps as a SMART Backend Services client of the regional server
 * ({@code renkei.apps.backend-services.*} in application.yaml): pages that show no patient (the bed
 * board) read the server with a system token obtained with {@code private_key_jwt}.
 *
 * @param enabled false only against a server opened for development: then no token is sent
 * @param clientId the client_id the FHIR server registered for the apps
 * @param scope the system scopes to ask for
 * @param keyDirectory where the apps' signing key is kept (generated on first start, owner-only); its
 *     public half is published at {@code /.well-known/jwks.json} for the server to fetch
 */
@Validated
@ConfigurationProperties("renkei.apps.backend-services")
public record BackendServicesProperties(
		@DefaultValue("true") boolean enabled,
		@NotBlank @DefaultValue("renkei-apps") String clientId,
		@NotBlank @DefaultValue("system/Location.rs system/Organization.rs system/Encounter.rs") String scope,
		@NotNull @DefaultValue("./data/smart-apps/keys") Path keyDirectory) {}
