package jp.renkei.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import jp.renkei.server.auth.AuthProperties.Client;
import jp.renkei.server.auth.AuthProperties.ClientType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotation as the token issuer and verifier see it: old tokens verify until their key is pruned, new ones carry the new kid. */
class SigningKeyRotationTest {

	private static final Duration LIFETIME = Duration.ofMinutes(5);

	@TempDir
	Path directory;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T09:00:00Z"));
	private final AuthServerUrls urls = ClientAssertionVerifierTest.urls("https://renkei.example.jp/fhir");
	private final RegisteredClient client = new ClientRegistry(List.of(new Client("backend", ClientType.PUBLIC, null, null,
			null, List.of(), List.of("system/*.rs"), null, null, null))).find("backend").orElseThrow();

	@Test
	void oldTokensVerifyAfterARotationAndNewOnesCarryTheNewKid() throws Exception {
		SigningKeys keys = new SigningKeys(directory, LIFETIME, clock);
		AccessTokenIssuer issuer = new AccessTokenIssuer(keys, urls, LIFETIME, clock);
		AccessTokenVerifier verifier = new AccessTokenVerifier(keys, urls, new ExpiringIdSet(clock), clock);
		String before = issuer.issueForClient(client, Set.of("system/*.rs")).value();

		clock.advance(Duration.ofSeconds(30));
		String newKid = keys.rotate().getKeyID();
		String after = issuer.issueForClient(client, Set.of("system/*.rs")).value();

		assertThat(kid(after)).isEqualTo(newKid).isNotEqualTo(kid(before));
		assertThat(keys.publicKeys().getKeys()).extracting(JWK::getKeyID).containsExactly(newKid, kid(before));
		assertThat(verifier.verify(before).clientId()).isEqualTo("backend");
		assertThat(verifier.verify(after).clientId()).isEqualTo("backend");
	}

	@Test
	void aPrunedKeyStopsVerifying() throws Exception {
		SigningKeys keys = new SigningKeys(directory, LIFETIME, clock);
		// A token living longer than the keys are kept for: only the pruning can make it fail.
		AccessTokenIssuer longLived = new AccessTokenIssuer(keys, urls, Duration.ofHours(2), clock);
		AccessTokenVerifier verifier = new AccessTokenVerifier(keys, urls, new ExpiringIdSet(clock), clock);
		String signedByOldKey = longLived.issueForClient(client, Set.of("system/*.rs")).value();
		clock.advance(Duration.ofSeconds(1));
		keys.rotate();
		String signedByNewKey = longLived.issueForClient(client, Set.of("system/*.rs")).value();

		clock.advance(LIFETIME.plus(SigningKeys.RELOAD_INTERVAL).plus(SigningKeys.CLOCK_SKEW).plusSeconds(1));

		assertThat(keys.publicKeys().getKeys()).extracting(JWK::getKeyID).containsExactly(kid(signedByNewKey));
		assertThatThrownBy(() -> verifier.verify(signedByOldKey)).isInstanceOf(InvalidAccessTokenException.class);
		assertThat(verifier.verify(signedByNewKey).clientId()).isEqualTo("backend");
	}

	@Test
	void aTokenSignedByAKeyAnotherNodeJustCreatedVerifiesHereAtOnce() throws Exception {
		SigningKeys thisNode = new SigningKeys(directory, LIFETIME, clock);
		SigningKeys otherNode = new SigningKeys(directory, LIFETIME, clock);
		AccessTokenVerifier verifierHere = new AccessTokenVerifier(thisNode, urls, new ExpiringIdSet(clock), clock);
		clock.advance(Duration.ofSeconds(2));
		otherNode.rotate();

		String token = new AccessTokenIssuer(otherNode, urls, LIFETIME, clock).issueForClient(client, Set.of("system/*.rs")).value();

		assertThat(verifierHere.verify(token).clientId()).isEqualTo("backend");
	}

	private static String kid(String token) throws Exception {
		return SignedJWT.parse(token).getHeader().getKeyID();
	}
}
