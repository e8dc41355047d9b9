package jp.renkei.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthorizationCodesTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T09:00:00Z"));
	private final AuthorizationCodes codes = new AuthorizationCodes(Duration.ofSeconds(60), clock);
	private final UserGrant grant = new UserGrant("app", new AuthorizedUser("u", "Practitioner/p", null, List.of()),
			Set.of("user/*.rs"), LaunchContext.none(), null, "session", clock.instant());

	@Test
	void aCodeIsRedeemedOnceAndASecondUseIsRecognised() {
		String code = codes.issue(grant, "https://app/cb", "challenge");

		AuthorizationCodes.Redemption first = codes.redeem(code);
		assertThat(first.issued().grant()).isEqualTo(grant);
		assertThat(first.issued().redirectUri()).isEqualTo("https://app/cb");
		first.spent().issued("jti-1", clock.instant().plusSeconds(300), "family-1");

		AuthorizationCodes.Redemption second = codes.redeem(code);
		assertThat(second.issued()).isNull();
		assertThat(second.reused().accessTokenId()).isEqualTo("jti-1");
		assertThat(second.reused().refreshFamily()).isEqualTo("family-1");
	}

	@Test
	void aCodeExpiresAfterItsLifetime() {
		String code = codes.issue(grant, "https://app/cb", "challenge");
		clock.advance(Duration.ofSeconds(60));

		AuthorizationCodes.Redemption late = codes.redeem(code);

		assertThat(late.issued()).isNull();
		assertThat(late.reused()).isNull();
	}

	@Test
	void unknownCodesAreNeitherValidNorReused() {
		AuthorizationCodes.Redemption unknown = codes.redeem("no-such-code");
		assertThat(unknown.issued()).isNull();
		assertThat(unknown.reused()).isNull();
	}

	@Test
	void codesAreLongAndRandom() {
		String one = codes.issue(grant, "https://app/cb", "challenge");
		String two = codes.issue(grant, "https://app/cb", "challenge");
		assertThat(one).hasSize(43).isNotEqualTo(two);
	}
}
