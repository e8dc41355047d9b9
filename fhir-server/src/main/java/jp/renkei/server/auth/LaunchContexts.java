package jp.renkei.server.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * EHR launch ids: opaque, random (256 bits), short-lived and single-use. An EHR (or the launch
 * simulator) registers a {@link LaunchContext}; the app passes the id as {@code launch} to the
 * authorization endpoint, which takes it out of here.
 *
 * <p>In memory, per server instance (like authorization codes): several instances need a shared store.
 */
public class LaunchContexts {

	/**
	 * A registered launch.
	 *
	 * @param context what the app is launched with
	 * @param user the username the EHR launched as, or null (then any signed-in user may bind it)
	 * @param createdBy the client (or {@code launch-simulator}) that created it
	 * @param expiresAt when it can no longer be used
	 */
	public record Launch(LaunchContext context, String user, String createdBy, Instant expiresAt) {}

	private static final SecureRandom RANDOM = new SecureRandom();
	private static final int MAX_LIVE = 10_000;

	private final Map<String, Launch> launches = new ConcurrentHashMap<>();
	private final Duration lifetime;
	private final Clock clock;

	public LaunchContexts(Duration lifetime, Clock clock) {
		this.lifetime = lifetime;
		this.clock = clock;
	}

	public Duration lifetime() {
		return lifetime;
	}

	/** Registers {@code context} and answers its new launch id. */
	public String create(LaunchContext context, String user, String createdBy) {
		Instant now = clock.instant();
		launches.values().removeIf(launch -> !now.isBefore(launch.expiresAt()));
		if (launches.size() >= MAX_LIVE) {
			throw OAuthException.invalidRequest("too many launches in progress; try again in a few minutes");
		}
		String id = randomId();
		launches.put(id, new Launch(context, user, createdBy, now.plus(lifetime)));
		return id;
	}

	/** Takes the launch out (single use); empty when unknown, already used or expired. */
	public Optional<Launch> consume(String id) {
		if (id == null) {
			return Optional.empty();
		}
		Launch launch = launches.remove(id);
		return Optional.ofNullable(launch).filter(l -> clock.instant().isBefore(l.expiresAt()));
	}

	static String randomId() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}
}
