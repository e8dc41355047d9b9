package jp.renkei.apps.smart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmartAuthorizationTest {

	@Test
	void pkceChallengeIsS256AsInRfc7636AppendixB() {
		assertThat(SmartAuthorization.s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
				.isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
	}

	@Test
	void stateNonceAndVerifierAre43UnguessableUrlSafeCharacters() {
		String one = SmartAuthorization.random();
		assertThat(one).matches("[A-Za-z0-9_-]{43}");
		assertThat(SmartAuthorization.random()).isNotEqualTo(one);
	}
}
