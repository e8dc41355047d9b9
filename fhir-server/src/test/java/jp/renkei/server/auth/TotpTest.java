package jp.renkei.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTest {

	/** RFC 6238 appendix B's SHA-1 seed, "12345678901234567890". */
	private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
	private static final String RFC_SEED_BASE32 = Base32.encode(RFC_SEED);

	@Test
	void codesMatchTheRfc6238TestVectorsInSixDigits() {
		// Appendix B gives 8 digits (94287082, 07081804, 89005924, 69279037); authenticator apps show the last 6.
		assertThat(Totp.code(RFC_SEED, 59 / 30)).isEqualTo("287082");
		assertThat(Totp.code(RFC_SEED, 1111111109L / 30)).isEqualTo("081804");
		assertThat(Totp.code(RFC_SEED, 1234567890L / 30)).isEqualTo("005924");
		assertThat(Totp.code(RFC_SEED, 2000000000L / 30)).isEqualTo("279037");
	}

	@Test
	void base32RoundTripsAndIgnoresCaseSpacesAndPadding() {
		assertThat(RFC_SEED_BASE32).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
		assertThat(Base32.decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq====")).isEqualTo(RFC_SEED);
	}

	@Test
	void theCurrentStepAndOneStepEitherSideAreAccepted() {
		MutableClock clock = new MutableClock(Instant.ofEpochSecond(1234567890L));
		Totp totp = new Totp(clock);
		long step = 1234567890L / 30;

		assertThat(totp.verify("a", RFC_SEED_BASE32, Totp.code(RFC_SEED, step - 1))).isTrue();
		assertThat(totp.verify("b", RFC_SEED_BASE32, Totp.code(RFC_SEED, step + 1))).isTrue();
		assertThat(totp.verify("c", RFC_SEED_BASE32, Totp.code(RFC_SEED, step + 2))).isFalse();
		assertThat(totp.verify("d", RFC_SEED_BASE32, Totp.code(RFC_SEED, step - 2))).isFalse();
		assertThat(totp.verify("e", RFC_SEED_BASE32, "12345")).isFalse();
		assertThat(totp.verify("e", RFC_SEED_BASE32, null)).isFalse();
	}

	@Test
	void aCodeAndAnyEarlierCodeAreAcceptedOnlyOnce() {
		MutableClock clock = new MutableClock(Instant.ofEpochSecond(1234567890L));
		Totp totp = new Totp(clock);
		long step = 1234567890L / 30;
		String current = Totp.code(RFC_SEED, step);

		assertThat(totp.verify("user", RFC_SEED_BASE32, current)).isTrue();
		assertThat(totp.verify("user", RFC_SEED_BASE32, current)).as("replayed").isFalse();
		assertThat(totp.verify("user", RFC_SEED_BASE32, Totp.code(RFC_SEED, step - 1))).as("older than the last used").isFalse();
		assertThat(totp.verify("other-user", RFC_SEED_BASE32, current)).as("per user").isTrue();

		clock.advance(Duration.ofSeconds(30));
		assertThat(totp.verify("user", RFC_SEED_BASE32, Totp.code(RFC_SEED, step + 1))).isTrue();
	}
}
