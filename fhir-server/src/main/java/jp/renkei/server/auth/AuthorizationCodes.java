package jp.renkei.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authorization codes: random (256 bits), short-lived, single-use, each bound to its client,
 * redirect URI, PKCE challenge and grant. Only SHA-256 hashes of codes are held. A redeemed code is
 * remembered for an hour with the tokens issued from it, so a second use is recognised (RFC 6749
 * section 4.1.2: the tokens issued from it are then revoked).
 *
 * <p>In memory, per server instance: codes live 60 seconds; several instances behind a load balancer
 * need sticky sessions or a shared store.
 */
public class AuthorizationCodes {

	private static final Duration REMEMBER_SPENT = Duration.ofHours(1);
	private static final int MAX_LIVE = 10_000;

	/**
	 * A code not yet redeemed.
	 *
	 * @param grant what the user approved
	 * @param redirectUri the redirect URI of the authorization request (must be sent again)
	 * @param codeChallenge the PKCE S256 challenge
	 * @param expiresAt when it can no longer be redeemed
	 */
	public record Issued(UserGrant grant, String redirectUri, String codeChallenge, Instant expiresAt) {}

	/** A redeemed code and what was issued from it (filled in after the token response is made). */
	public static final class Spent {
		private final Instant forgetAt;
		private volatile String accessTokenId;
		private volatile Instant accessTokenExpiresAt;
		private volatile String refreshFamily;
		private volatile boolean usedAgain;

		Spent(Instant forgetAt) {
			this.forgetAt = forgetAt;
		}

		public void issued(String tokenId, Instant expiresAt, String family) {
			this.accessTokenId = tokenId;
			this.accessTokenExpiresAt = expiresAt;
			this.refreshFamily = family;
		}

		public String accessTokenId() {
			return accessTokenId;
		}

		public Instant accessTokenExpiresAt() {
			return accessTokenExpiresAt;
		}

		public String refreshFamily() {
			return refreshFamily;
		}

		/** Records that the code was presented again (possibly while its first exchange is still running). */
		public void markUsedAgain() {
			usedAgain = true;
		}

		public boolean usedAgain() {
			return usedAgain;
		}
	}

	/** The outcome of redeeming a code: the code's grant, or that it was already spent, or neither. */
	public record Redemption(Issued issued, Spent spent, Spent reused) {}

	private final Map<String, Issued> live = new ConcurrentHashMap<>();
	private final Map<String, Spent> spent = new ConcurrentHashMap<>();
	private final Duration lifetime;
	private final Clock clock;

	public AuthorizationCodes(Duration lifetime, Clock clock) {
		this.lifetime = lifetime;
		this.clock = clock;
	}

	public String issue(UserGrant grant, String redirectUri, String codeChallenge) {
		Instant now = clock.instant();
		live.values().removeIf(code -> !now.isBefore(code.expiresAt()));
		spent.values().removeIf(code -> !now.isBefore(code.forgetAt));
		if (live.size() >= MAX_LIVE) {
			throw new IllegalStateException("too many authorization codes outstanding");
		}
		String code = LaunchContexts.randomId();
		live.put(hash(code), new Issued(grant, redirectUri, codeChallenge, now.plus(lifetime)));
		return code;
	}

	/**
	 * Takes the code out: at most one caller ever gets its {@link Issued} grant (with a fresh
	 * {@link Spent} record to fill in); a later caller gets the {@link Spent} record as {@code reused}.
	 * An expired code counts as spent.
	 */
	public Redemption redeem(String code) {
		String key = hash(code);
		Issued issued = live.remove(key);
		if (issued == null) {
			return new Redemption(null, null, spent.get(key));
		}
		Spent record = new Spent(clock.instant().plus(REMEMBER_SPENT));
		spent.put(key, record);
		if (!clock.instant().isBefore(issued.expiresAt())) {
			return new Redemption(null, null, null);
		}
		return new Redemption(issued, record, null);
	}

	static String hash(String value) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
