package jp.renkei.server.auth;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks what a user types at the login page: the password, then the TOTP code when the user has a
 * second factor. Every refusal looks the same to the user (unknown id, wrong password, wrong code,
 * locked account), and an unknown id costs as much time as a wrong password.
 */
public class UserAuthenticator {

	private static final Logger LOG = LoggerFactory.getLogger(UserAuthenticator.class);
	/** Hashed when the id is unknown or locked, so the answer takes as long as for a wrong password. */
	private static final String DUMMY_HASH = ClientSecretHash.hash("no user has this password");

	/** What the password step decided. */
	public enum Outcome {
		SIGNED_IN,
		SECOND_FACTOR_NEEDED,
		FAILED
	}

	public record PasswordResult(Outcome outcome, UserAccount account) {}

	private final UserDirectory users;
	private final LoginLockout lockout;
	private final Totp totp;

	public UserAuthenticator(UserDirectory users, LoginLockout lockout, Totp totp) {
		this.users = users;
		this.lockout = lockout;
		this.totp = totp;
	}

	public PasswordResult checkPassword(String username, String password) {
		if (username == null || password == null || username.isBlank() || username.length() > 64 || password.length() > 1024) {
			return new PasswordResult(Outcome.FAILED, null);
		}
		Optional<UserAccount> account = users.find(username);
		boolean locked = lockout.isLocked(username);
		boolean matches = ClientSecretHash.matches(password,
				account.isPresent() && !locked ? account.get().passwordHash() : DUMMY_HASH);
		if (locked) {
			LOG.warn("Sign-in refused: login id {} is locked after repeated failures", loggable(account, username));
			return new PasswordResult(Outcome.FAILED, null);
		}
		if (account.isEmpty() || !matches) {
			lockout.recordFailure(username);
			LOG.info("Sign-in failed (unknown id or wrong password) for {}", loggable(account, username));
			return new PasswordResult(Outcome.FAILED, null);
		}
		if (account.get().hasSecondFactor()) {
			return new PasswordResult(Outcome.SECOND_FACTOR_NEEDED, account.get());
		}
		lockout.recordSuccess(username);
		LOG.info("User {} signed in (password)", username);
		return new PasswordResult(Outcome.SIGNED_IN, account.get());
	}

	/** The account when {@code code} is the user's current TOTP code (not used before) and the id is not locked. */
	public Optional<UserAccount> checkSecondFactor(String username, String code) {
		Optional<UserAccount> account = users.find(username).filter(UserAccount::hasSecondFactor);
		if (account.isEmpty() || lockout.isLocked(username)) {
			LOG.warn("Second factor refused for {}: locked", username);
			return Optional.empty();
		}
		if (!totp.verify(username, account.get().totpSecret(), code == null ? null : code.trim())) {
			lockout.recordFailure(username);
			LOG.info("Second factor failed for {}", username);
			return Optional.empty();
		}
		lockout.recordSuccess(username);
		LOG.info("User {} signed in (password and TOTP)", username);
		return account;
	}

	/** Only ids that exist are written to the log: an unknown id may be a password typed into the wrong field. */
	private static String loggable(Optional<UserAccount> account, String username) {
		return account.isPresent() ? username : "an unknown id";
	}
}
