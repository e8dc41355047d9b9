package jp.renkei.server.config;

/**
 * Marks a Spring bean as a HAPI server interceptor that {@link FhirEndpointConfig} registers with
 * the FHIR endpoint. Implementations carry HAPI {@code @Hook} methods.
 */
public interface FhirServerInterceptor {}
