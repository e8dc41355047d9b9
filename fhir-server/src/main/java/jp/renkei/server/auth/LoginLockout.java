package jp.renkei.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Account lock-out (MHLW guideline: lock after an operator-configured number of failures): after
 * {@code maxFailures} consecutive failed sign-ins, by password or second factor, the login id is
 * locked for {@code lockoutDuration}; while locked even the right password is refused. Counted per
 * login id whether or not such a user exists, so the lock-out itself reveals nothing.
 *
 * <p>In memory, per server instance (a restart unlocks). The map is bounded: entries of ids without
 * a recent failure are dropped when it grows large.
 */
public class LoginLockout {

	private static final int MAX_TRACKED = 100_000;

	private record Failures(int count, Instant lastFailure, Instant lockedUntil) {}

	private final Map<String, Failures> failures = new ConcurrentHashMap<>();
	private final int maxFailures;
	private final Duration lockoutDuration;
	private final Clock clock;

	public LoginLockout(int maxFailures, Duration lockoutDuration, Clock clock) {
		if (maxFailures < 1) {
			throw new IllegalArgumentException("renkei.auth.login.max-failures must be at least 1");
		}
		this.maxFailures = maxFailures;
		this.lockoutDuration = lockoutDuration;
		this.clock = clock;
	}

	public boolean isLocked(String username) {
		Failures current = failures.get(key(username));
		return current != null && current.lockedUntil() != null && clock.instant().isBefore(current.lockedUntil());
	}

	/** Counts a failure; the one that reaches the limit locks the id. */
	public void recordFailure(String username) {
		Instant now = clock.instant();
		if (failures.size() > MAX_TRACKED) {
			failures.values().removeIf(f -> f.lastFailure().plus(lockoutDuration).isBefore(now));
		}
		failures.compute(key(username), (id, current) -> {
			boolean lockExpired = current != null && current.lockedUntil() != null && !now.isBefore(current.lockedUntil());
			int count = current == null || lockExpired ? 1 : current.count() + 1;
			Instant lockedUntil = count >= maxFailures ? now.plus(lockoutDuration) : null;
			return new Failures(count, now, lockedUntil);
		});
	}

	public void recordSuccess(String username) {
		failures.remove(key(username));
	}

	private static String key(String username) {
		return username.toLowerCase(Locale.ROOT);
	}
}
