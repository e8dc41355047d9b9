package jp.renkei.server.config;

/**
 * Marks a Spring bean as a HAPI plain provider (a class with {@code @Operation} methods) that
 * {@link FhirEndpointConfig} registers with the FHIR endpoint, next to the JPA resource providers.
 */
public interface FhirServerProvider {}
