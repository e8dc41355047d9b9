package jp.renkei.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's token signing keys: RS256 key pairs kept as one JWK file per key
 * ({@code <kid>.jwk.json}, owner-only permissions) in the key directory, generated on first start.
 *
 * <p>The newest key signs. {@link #rotate()} (the admin API) or {@link SigningKeyRotation} (the
 * operator's command, run against the directory) makes a new key active; the previous ones stay
 * published in the JWKS so tokens they signed still verify, and are deleted once every token
 * they can have signed has expired. A key's creation time is its JWK {@code iat}, so the files
 * alone carry all the state (no index to keep in sync), and several server nodes can share one
 * directory: each re-reads it every {@link #RELOAD_INTERVAL}, and at once (at most once a second)
 * when asked for a key id it does not know, so a token signed by a key another node or the
 * command just created verifies everywhere.
 */
public class SigningKeys {

	/** How often the directory is re-read to notice a rotation made elsewhere. */
	static final Duration RELOAD_INTERVAL = Duration.ofSeconds(10);
	/** The clock skew AccessTokenVerifier allows past a token's exp. */
	static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
	private static final Duration UNKNOWN_KID_RELOAD_GAP = Duration.ofSeconds(1);
	private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
	private static final String SUFFIX = ".jwk.json";
	private static final DateTimeFormatter KID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
	private static final Comparator<RSAKey> NEWEST_FIRST = Comparator.comparing((RSAKey key) -> key.getIssueTime())
			.thenComparing(JWK::getKeyID).reversed();

	private final Path directory;
	private final Duration retention;
	private final Clock clock;
	/** Newest first; replaced as a whole so readers never see a half-rotated list. */
	private volatile List<RSAKey> keys;
	private volatile Instant loadedAt;

	/**
	 * @param directory where the JWK files live (created if missing)
	 * @param retiredKeyLifetime the longest lifetime of a token signed with these keys: a key stays
	 *     published this long after a newer key took over (plus the reload interval and clock skew)
	 * @param clock the time source
	 */
	public SigningKeys(Path directory, Duration retiredKeyLifetime, Clock clock) {
		this.directory = directory;
		// Another node may sign with a retired key until it re-reads the directory, and a verifier
		// accepts a token a little past its exp.
		this.retention = retiredKeyLifetime.plus(RELOAD_INTERVAL).plus(CLOCK_SKEW);
		this.clock = clock;
		createDirectory(directory);
		List<RSAKey> loaded = load(true);
		this.keys = loaded;
		this.loadedAt = clock.instant();
		if (loaded.isEmpty()) {
			rotate();
		} else {
			prune();
		}
	}

	/** The key that signs new tokens. */
	public RSAKey activeKey() {
		reloadIfOlderThan(RELOAD_INTERVAL);
		return keys.get(0);
	}

	public JWSAlgorithm algorithm() {
		return JWSAlgorithm.RS256;
	}

	/** The public keys to publish: the active key and the retired ones whose tokens may still be valid. */
	public JWKSet publicKeys() {
		reloadIfOlderThan(RELOAD_INTERVAL);
		return new JWKSet(keys.stream().map(key -> (JWK) key.toPublicJWK()).toList());
	}

	/**
	 * The public keys matching {@code selector} (a token's kid and algorithm); when none does, the
	 * directory is re-read first (at most once a second, so forged kids cannot make us list it on
	 * every request): another node or the rotation command may just have created the key.
	 */
	public List<JWK> select(JWKSelector selector) {
		List<JWK> found = selector.select(publicKeys());
		if (found.isEmpty() && reloadIfOlderThan(UNKNOWN_KID_RELOAD_GAP)) {
			found = selector.select(publicKeys());
		}
		return found;
	}

	/** Makes a new key active, keeps the previous ones published, and deletes those no longer needed. */
	public synchronized RSAKey rotate() {
		RSAKey key = addKey(directory, clock);
		List<RSAKey> updated = new ArrayList<>(keys == null ? List.of() : keys);
		updated.add(0, key);
		keys = List.copyOf(updated);
		prune();
		LOG.info("Token signing key {} is now active", key.getKeyID());
		return key;
	}

	/**
	 * Writes a new signing key into {@code directory} without touching the others: what the
	 * rotation command does. Running servers sharing the directory start signing with it within
	 * {@link #RELOAD_INTERVAL} and delete retired keys themselves, with their own token lifetime.
	 */
	public static RSAKey addKey(Path directory, Clock clock) {
		createDirectory(directory);
		RSAKey key = generate(clock);
		write(directory, key);
		return key;
	}

	/** Re-reads the directory when the last read is older than {@code age}; true when it did. */
	private boolean reloadIfOlderThan(Duration age) {
		if (clock.instant().isBefore(loadedAt.plus(age))) {
			return false;
		}
		synchronized (this) {
			if (clock.instant().isBefore(loadedAt.plus(age))) {
				return false;
			}
			List<RSAKey> loaded = load(false);
			loadedAt = clock.instant();
			if (loaded.isEmpty()) {
				LOG.warn("No signing key left in {}: keeping the {} keys in memory", directory, keys.size());
				return true;
			}
			if (!loaded.get(0).getKeyID().equals(keys.get(0).getKeyID())) {
				LOG.info("Token signing key {} (found in {}) is now active", loaded.get(0).getKeyID(), directory);
			}
			keys = loaded;
			prune();
			return true;
		}
	}

	private synchronized void prune() {
		Instant now = clock.instant();
		List<RSAKey> kept = new ArrayList<>();
		kept.add(keys.get(0));
		for (int i = 1; i < keys.size(); i++) {
			// A key stopped signing when the next newer key was created.
			Instant retiredAt = keys.get(i - 1).getIssueTime().toInstant();
			if (now.isBefore(retiredAt.plus(retention))) {
				kept.add(keys.get(i));
			} else {
				delete(keys.get(i));
			}
		}
		keys = List.copyOf(kept);
	}

	/**
	 * A key id that sorts by creation time ({@code 20260401T090000.123Z-<random>}): the JWK
	 * {@code iat} has whole seconds only, so two rotations within one second are ordered by kid.
	 */
	private static String kid(Instant now) {
		return KID_TIME.format(now) + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static RSAKey generate(Clock clock) {
		try {
			return new RSAKeyGenerator(2048)
					.keyID(kid(clock.instant()))
					.keyUse(KeyUse.SIGNATURE)
					.algorithm(JWSAlgorithm.RS256)
					.issueTime(Date.from(clock.instant()))
					.generate();
		} catch (JOSEException e) {
			throw new IllegalStateException("Cannot generate an RSA signing key", e);
		}
	}

	/**
	 * @param strict at start a bad file stops the server; later (re-reads while running) it is
	 *     logged and skipped, and a file deleted meanwhile by another node is simply gone
	 */
	private List<RSAKey> load(boolean strict) {
		List<RSAKey> loaded = new ArrayList<>();
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
				try {
					loaded.add(read(file));
				} catch (NoSuchFileException e) {
					// Pruned by another node between listing and reading.
				} catch (IOException | IllegalStateException e) {
					if (strict) {
						throw e instanceof IOException io ? new UncheckedIOException("Cannot read the signing key " + file, io)
								: (IllegalStateException) e;
					}
					LOG.warn("Skipping signing key file {}: {}", file, e.getMessage());
				}
			}
		} catch (IOException e) {
			if (strict) {
				throw new UncheckedIOException("Cannot list the signing keys in " + directory, e);
			}
			LOG.warn("Cannot list the signing keys in {}: {}", directory, e.getMessage());
			return List.of();
		}
		loaded.sort(NEWEST_FIRST);
		return List.copyOf(loaded);
	}

	private static RSAKey read(Path file) throws IOException {
		try {
			RSAKey key = RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
			if (!key.isPrivate() || key.getKeyID() == null || key.getIssueTime() == null) {
				throw new IllegalStateException(file + " is not a signing key written by this server (private RSA JWK with kid and iat)");
			}
			return key;
		} catch (ParseException e) {
			throw new IllegalStateException(file + " is not a JWK", e);
		}
	}

	private static void write(Path directory, RSAKey key) {
		Path file = directory.resolve(key.getKeyID() + SUFFIX);
		try {
			// Written to an owner-only temporary file first, so the private key is never readable by others, even briefly.
			Path temporary = Files.createTempFile(directory, ".new-", ".tmp");
			restrictToOwner(temporary, "rw-------");
			Files.writeString(temporary, key.toJSONString(), StandardCharsets.UTF_8);
			// The rotation command may run as root: the file must belong to whoever owns the directory (the server's user).
			UserPrincipal owner = Files.getOwner(directory);
			if (!owner.equals(Files.getOwner(temporary))) {
				Files.setOwner(temporary, owner);
			}
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot write the signing key " + file, e);
		}
	}

	private void delete(RSAKey key) {
		Path file = directory.resolve(key.getKeyID() + SUFFIX);
		try {
			if (Files.deleteIfExists(file)) {
				LOG.info("Retired token signing key {} deleted: every token it signed has expired", key.getKeyID());
			}
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot delete the signing key " + file, e);
		}
	}

	private static void createDirectory(Path directory) {
		try {
			Files.createDirectories(directory);
			restrictToOwner(directory, "rwx------");
		} catch (FileAlreadyExistsException e) {
			throw new IllegalStateException(directory + " exists and is not a directory", e);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot create the key directory " + directory, e);
		}
	}

	private static void restrictToOwner(Path path, String permissions) throws IOException {
		if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
		}
	}
}
