package jp.renkei.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginLockoutTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T09:00:00Z"));
	private final LoginLockout lockout = new LoginLockout(5, Duration.ofMinutes(15), clock);

	@Test
	void theFifthFailureLocksForTheConfiguredTime() {
		for (int i = 0; i < 4; i++) {
			lockout.recordFailure("Yamada");
		}
		assertThat(lockout.isLocked("yamada")).isFalse();
		lockout.recordFailure("yamada");
		assertThat(lockout.isLocked("YAMADA")).as("ids compare case-insensitively").isTrue();

		clock.advance(Duration.ofMinutes(14));
		assertThat(lockout.isLocked("yamada")).isTrue();
		clock.advance(Duration.ofMinutes(1));
		assertThat(lockout.isLocked("yamada")).isFalse();

		lockout.recordFailure("yamada");
		assertThat(lockout.isLocked("yamada")).as("after the lock the count starts again").isFalse();
	}

	@Test
	void aSuccessResetsTheCount() {
		for (int i = 0; i < 4; i++) {
			lockout.recordFailure("suzuki");
		}
		lockout.recordSuccess("suzuki");
		lockout.recordFailure("suzuki");
		assertThat(lockout.isLocked("suzuki")).isFalse();
	}

	@Test
	void unknownIdsAreCountedToo() {
		for (int i = 0; i < 5; i++) {
			lockout.recordFailure("no-such-user");
		}
		assertThat(lockout.isLocked("no-such-user")).isTrue();
	}
}
