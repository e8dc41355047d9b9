package jp.renkei.server.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the FHIR endpoint and its storage ({@code renkei.server.*} in application.yaml).
 *
 * @param dataDirectory where the embedded H2 database and the Lucene full-text indexes live
 * @param publicBaseUrl the FHIR base URL clients see (behind a proxy); empty = derived from each request
 * @param defaultPageSize search page size when the client sends no {@code _count}
 * @param maxPageSize the largest {@code _count} accepted; larger values are refused with 400
 * @param maxRequestSize the largest request body accepted; larger bodies are refused with 413
 * @param search limits that keep one request from pinning a worker
 */
@ConfigurationProperties("renkei.server")
public record FhirServerProperties(
		@DefaultValue("./data") Path dataDirectory,
		@DefaultValue("") String publicBaseUrl,
		@DefaultValue("20") int defaultPageSize,
		@DefaultValue("500") int maxPageSize,
		@DefaultValue("20MB") DataSize maxRequestSize,
		@DefaultValue Search search) {

	/**
	 * Bounds on search requests.
	 *
	 * @param maxOffset the largest {@code _offset} accepted
	 * @param maxParameters the largest number of query parameters (counting repeats)
	 * @param maxParameterValueLength the longest single parameter value, in characters
	 * @param queryTimeout how long one database statement may run before it is cancelled
	 */
	public record Search(
			@DefaultValue("10000") int maxOffset,
			@DefaultValue("100") int maxParameters,
			@DefaultValue("2048") int maxParameterValueLength,
			@DefaultValue("30s") Duration queryTimeout) {}

	public Path h2Directory() {
		return dataDirectory.resolve("h2");
	}

	public Path luceneDirectory() {
		return dataDirectory.resolve("lucene");
	}
}
