package jp.renkei.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchContextsTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T09:00:00Z"));
	private final LaunchContexts launches = new LaunchContexts(Duration.ofMinutes(5), clock);
	private final LaunchContext context = new LaunchContext("pat-1", "enc-1", true, null, List.of("ServiceRequest/sr-1"));

	@Test
	void aLaunchIdIsUsableOnce() {
		String id = launches.create(context, "doctor", "ehr");

		assertThat(launches.consume(id)).hasValueSatisfying(launch -> {
			assertThat(launch.context()).isEqualTo(context);
			assertThat(launch.user()).isEqualTo("doctor");
		});
		assertThat(launches.consume(id)).isEmpty();
	}

	@Test
	void aLaunchIdExpires() {
		String id = launches.create(context, null, "ehr");
		clock.advance(Duration.ofMinutes(5));

		assertThat(launches.consume(id)).isEmpty();
	}

	@Test
	void unknownIdsAreRefused() {
		assertThat(launches.consume("guess")).isEmpty();
		assertThat(launches.consume(null)).isEmpty();
	}
}
