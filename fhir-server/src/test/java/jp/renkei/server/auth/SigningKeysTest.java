package jp.renkei.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
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

		clock.advance(LIFETIME.plusSeconds(1));
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

		clock.advance(LIFETIME);

		assertThat(kids(new SigningKeys(directory, LIFETIME, clock))).containsExactly(active.getKeyID());
	}

	private static List<String> kids(SigningKeys keys) {
		return keys.publicKeys().getKeys().stream().map(JWK::getKeyID).toList();
	}
}
