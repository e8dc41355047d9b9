package jp.renkei.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

	private static final Duration LIFETIME = Duration.ofMinutes(5);
	/** How long a retired key stays: the token lifetime, plus the time other nodes may still sign with it, plus clock skew. */
	private static final Duration RETENTION = LIFETIME.plus(SigningKeys.RELOAD_INTERVAL).plus(SigningKeys.CLOCK_SKEW);

	@TempDir
	Path directory;

	private final MutableClock clock = new MutableClock(Instant.parse("2025-04-01T09:00:00Z"));

	@Test
	void generatesAnOwnerOnlyKeyFileOnFirstStartAndReloadsIt() throws IOException {
		Path keys = directory.resolve("keys");
		RSAKey first = new SigningKeys(keys, LIFETIME, clock).activeKey();

		Path file = keys.resolve(first.getKeyID() + ".jwk.json");
		assertThat(file).exists();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rwx------");
		assertThat(new SigningKeys(keys, LIFETIME, clock).activeKey()).isEqualTo(first);
	}

	@Test
	void publishesOnlyPublicKeys() {
		SigningKeys keys = new SigningKeys(directory, LIFETIME, clock);

		assertThat(keys.publicKeys().getKeys()).noneMatch(JWK::isPrivate);
		assertThat(keys.publicKeys().toString()).doesNotContain("\"d\"");
	}

	@Test
	void rotationKeepsTheOldKeyPublishedUntilItsTokensHaveExpired() throws IOException {
		SigningKeys keys = new SigningKeys(directory, LIFETIME, clock);
		RSAKey old = keys.activeKey();

		clock.advance(Duration.ofHours(1));
		RSAKey rotated = keys.rotate();

		assertThat(keys.activeKey()).isEqualTo(rotated).isNotEqualTo(old);
		assertThat(kids(keys)).containsExactly(rotated.getKeyID(), old.getKeyID());
		assertThat(new SigningKeys(directory, LIFETIME, clock).activeKey()).isEqualTo(rotated);

		clock.advance(RETENTION.minusSeconds(1));
		assertThat(kids(keys)).containsExactly(rotated.getKeyID(), old.getKeyID());
		clock.advance(Duration.ofSeconds(2));
		RSAKey third = keys.rotate();

		assertThat(kids(keys)).containsExactly(third.getKeyID(), rotated.getKeyID());
		try (Stream<Path> files = Files.list(directory)) {
			assertThat(files.map(path -> path.getFileName().toString()))
					.containsExactlyInAnyOrder(third.getKeyID() + ".jwk.json", rotated.getKeyID() + ".jwk.json");
		}
	}

	@Test
	void prunesExpiredRetiredKeysAtStart() {
		SigningKeys keys = new SigningKeys(directory, LIFETIME, clock);
		clock.advance(Duration.ofMinutes(1));
		RSAKey active = keys.rotate();

		clock.advance(RETENTION);

		assertThat(kids(new SigningKeys(directory, LIFETIME, clock))).containsExactly(active.getKeyID());
	}

	@Test
	void aNodeSharingTheDirectoryVerifiesTheNewKeyAtOnceAndSignsWithItAfterTheReloadInterval() {
		SigningKeys thisNode = new SigningKeys(directory, LIFETIME, clock);
		SigningKeys otherNode = new SigningKeys(directory, LIFETIME, clock);
		RSAKey old = thisNode.activeKey();
		assertThat(otherNode.activeKey()).isEqualTo(old);

		clock.advance(Duration.ofSeconds(2));
		RSAKey rotated = otherNode.rotate();

		assertThat(thisNode.activeKey()).as("still signing with the old key until it re-reads the directory").isEqualTo(old);
		assertThat(thisNode.select(selectorFor(rotated.getKeyID()))).as("an unknown kid makes it re-read at once")
				.extracting(JWK::getKeyID).containsExactly(rotated.getKeyID());
		clock.advance(SigningKeys.RELOAD_INTERVAL);
		assertThat(thisNode.activeKey()).isEqualTo(rotated);
		assertThat(kids(thisNode)).containsExactly(rotated.getKeyID(), old.getKeyID());
	}

	@Test
	void theRotationCommandWritesAKeyThatARunningServerPicksUp() {
		SigningKeys server = new SigningKeys(directory, LIFETIME, clock);
		RSAKey old = server.activeKey();
		clock.advance(Duration.ofSeconds(5));

		RSAKey added = SigningKeys.addKey(directory, clock);

		assertThat(directory.resolve(added.getKeyID() + ".jwk.json")).exists();
		clock.advance(SigningKeys.RELOAD_INTERVAL);
		assertThat(server.activeKey()).isEqualTo(added);
		assertThat(kids(server)).containsExactly(added.getKeyID(), old.getKeyID());
		assertThat(new SigningKeys(directory, LIFETIME, clock).activeKey()).as("after a restart").isEqualTo(added);
	}

	@Test
	void aForgedKidDoesNotMakeTheServerReadTheDirectoryOnEveryRequest() throws IOException {
		SigningKeys keys = new SigningKeys(directory, LIFETIME, clock);
		clock.advance(Duration.ofSeconds(2));
		assertThat(keys.select(selectorFor("forged-1"))).isEmpty();

		RSAKey added = SigningKeys.addKey(directory, clock);

		assertThat(keys.select(selectorFor(added.getKeyID()))).as("re-read at most once a second").isEmpty();
		clock.advance(Duration.ofSeconds(1));
		assertThat(keys.select(selectorFor(added.getKeyID()))).hasSize(1);
	}

	@Test
	void aBrokenFileAppearingWhileRunningIsSkippedNotFatal() throws IOException {
		SigningKeys keys = new SigningKeys(directory, LIFETIME, clock);
		RSAKey active = keys.activeKey();
		Files.writeString(directory.resolve("garbage.jwk.json"), "{not json");

		clock.advance(SigningKeys.RELOAD_INTERVAL);

		assertThat(keys.activeKey()).isEqualTo(active);
	}

	@Test
	void twoRotationsWithinOneSecondKeepTheirOrderAfterAReload() {
		SigningKeys keys = new SigningKeys(directory, LIFETIME, clock);
		RSAKey second = keys.rotate();
		clock.advance(Duration.ofMillis(5));
		RSAKey third = keys.rotate();

		assertThat(new SigningKeys(directory, LIFETIME, clock).activeKey().getKeyID())
				.isEqualTo(third.getKeyID()).isNotEqualTo(second.getKeyID());
	}

	private static JWKSelector selectorFor(String kid) {
		return new JWKSelector(new JWKMatcher.Builder().keyID(kid).build());
	}

	private static List<String> kids(SigningKeys keys) {
		return keys.publicKeys().getKeys().stream().map(JWK::getKeyID).toList();
	}
}
