package jp.renkei.server.auth;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238) as authenticator apps make them: HMAC-SHA1, 6 digits,
 * 30-second steps. A code of the current step or one step either side is accepted (clock drift), and
 * each user's codes are accepted only for steps after the last accepted one, so a code (or an older
 * one) seen over a shoulder or in a log cannot be used a second time.
 *
 * <p>The last accepted step is kept in memory, per server instance; after a restart a code of the
 * last 90 seconds could be replayed once, which still needs the password.
 */
public class Totp {

	static final int DIGITS = 6;
	static final long STEP_SECONDS = 30;
	private static final int WINDOW = 1;

	private final Clock clock;
	private final Map<String, Long> lastAcceptedStep = new ConcurrentHashMap<>();

	public Totp(Clock clock) {
		this.clock = clock;
	}

	/** Whether {@code code} is valid now for {@code username}'s Base32 {@code secret}; a valid code is then spent. */
	public boolean verify(String username, String secret, String code) {
		if (code == null || !code.matches("\\d{" + DIGITS + "}")) {
			return false;
		}
		byte[] key = Base32.decode(secret);
		long now = clock.instant().getEpochSecond() / STEP_SECONDS;
		for (long step = now - WINDOW; step <= now + WINDOW; step++) {
			if (MessageDigest.isEqual(code(key, step).getBytes(), code.getBytes())) {
				long accepted = step;
				boolean[] first = {false};
				// Atomic per user: of two logins racing with the same code, exactly one wins.
				lastAcceptedStep.compute(username, (user, last) -> {
					if (last == null || last < accepted) {
						first[0] = true;
						return accepted;
					}
					return last;
				});
				return first[0];
			}
		}
		return false;
	}

	/** The code for {@code step} (RFC 6238 with RFC 4226's dynamic truncation). */
	static String code(byte[] key, long step) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(key, "HmacSHA1"));
			byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
			int offset = hash[hash.length - 1] & 0x0f;
			int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
					| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
			return String.format(Locale.ROOT, "%0" + DIGITS + "d", binary % 1_000_000);
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA1 is not available", e);
		}
	}
}
