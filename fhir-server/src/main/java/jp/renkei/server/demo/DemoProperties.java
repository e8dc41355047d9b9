package jp.renkei.server.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the demo region ({@code renkei.demo.*}).
 *
 * @param enabled load the demo region when the server has started, unless it is already stored
 * @param patients how many fictional patients (people) to generate; each becomes one Patient record
 *     per facility they are registered at
 * @param chunkSize resources per transaction Bundle when loading: big enough to amortise the
 *     transaction overhead, small enough to keep one transaction's memory and lock time modest
 */
@ConfigurationProperties("renkei.demo")
public record DemoProperties(
		@DefaultValue("true") boolean enabled,
		@DefaultValue("60") int patients,
		@DefaultValue("250") int chunkSize) {

	public DemoProperties {
		if (patients < 0) {
			throw new IllegalArgumentException("renkei.demo.patients must not be negative: " + patients);
		}
		if (chunkSize < 1) {
			throw new IllegalArgumentException("renkei.demo.chunk-size must be at least 1: " + chunkSize);
		}
	}
}
