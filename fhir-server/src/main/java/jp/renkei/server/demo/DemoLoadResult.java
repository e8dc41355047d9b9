package jp.renkei.server.demo;

import java.time.Duration;

/**
 * What {@link DemoRegionLoader#loadIfAbsent()} did.
 *
 * @param loaded true if the region was written, false if it was already stored
 * @param resourceCount resources written (0 when skipped)
 * @param transactions transaction Bundles sent
 * @param duration time spent, including the check whether the region is stored
 */
public record DemoLoadResult(boolean loaded, int resourceCount, int transactions, Duration duration) {

	static DemoLoadResult skipped(Duration duration) {
		return new DemoLoadResult(false, 0, 0, duration);
	}

	/** Ingest rate, resources per second (0 when skipped). */
	public double resourcesPerSecond() {
		long nanos = duration.toNanos();
		return nanos == 0 ? 0 : resourceCount * 1_000_000_000.0 / nanos;
	}
}
