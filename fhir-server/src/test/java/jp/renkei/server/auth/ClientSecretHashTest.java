package jp.renkei.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientSecretHashTest {

	@Test
	void matchesOnlyTheHashedSecretAndNeverStoresItInClear() {
		String stored = ClientSecretHash.hash("s3cret-value", 1_000);

		assertThat(stored).startsWith("pbkdf2-sha256$1000$").doesNotContain("s3cret-value");
		assertThat(ClientSecretHash.matches("s3cret-value", stored)).isTrue();
		assertThat(ClientSecretHash.matches("s3cret-valuf", stored)).isFalse();
		assertThat(ClientSecretHash.hash("s3cret-value", 1_000)).as("salted").isNotEqualTo(stored);
	}

	@Test
	void recognisesMalformedHashes() {
		assertThat(ClientSecretHash.isWellFormed(ClientSecretHash.hash("x", 1_000))).isTrue();
		assertThat(ClientSecretHash.isWellFormed("plaintext-secret")).isFalse();
	}
}
