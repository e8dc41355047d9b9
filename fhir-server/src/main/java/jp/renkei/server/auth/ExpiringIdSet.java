package jp.renkei.server.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Identifiers remembered until they expire: used client-assertion {@code jti}s (replay) and
 * revoked access-token {@code jti}s. Once an identifier's token has expired it is rejected on its
 * expiry anyway, so forgetting it then is safe and keeps the set bounded.
 *
 * <p>In memory, per server instance. Several instances behind a load balancer need a shared store
 * (database table or cache) instead, or a replayed assertion may land on another instance.
 */
public class ExpiringIdSet {

	private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
	private final Clock clock;

	public ExpiringIdSet(Clock clock) {
		this.clock = clock;
	}

	/** Remembers {@code id} until {@code expiry}; false when it was already remembered (a replay). */
	public boolean add(String id, Instant expiry) {
		removeExpired();
		return expiries.putIfAbsent(id, expiry) == null;
	}

	public boolean contains(String id) {
		Instant expiry = expiries.get(id);
		return expiry != null && clock.instant().isBefore(expiry);
	}

	private void removeExpired() {
		Instant now = clock.instant();
		expiries.values().removeIf(expiry -> !now.isBefore(expiry));
	}
}
