package jp.renkei.server.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users who can sign in: declared in {@code renkei.auth.users} and, with the demo region, the
 * generated demo users. Each entry is checked at start, so a broken one stops the server.
 */
public class UserDirectory {

	private static final Logger LOG = LoggerFactory.getLogger(UserDirectory.class);
	private static final java.util.regex.Pattern FHIR_USER =
			java.util.regex.Pattern.compile("(Practitioner|PractitionerRole|Patient|RelatedPerson|Person)/[A-Za-z0-9\\-.]{1,64}");

	private final Map<String, UserAccount> users;

	public UserDirectory(List<UserAccount> accounts) {
		Map<String, UserAccount> byName = new LinkedHashMap<>();
		for (UserAccount account : accounts) {
			check(account);
			if (byName.putIfAbsent(account.username(), account) != null) {
				throw new IllegalStateException("renkei.auth.users: username " + account.username() + " is declared twice");
			}
		}
		this.users = Map.copyOf(byName);
	}

	public Optional<UserAccount> find(String username) {
		return Optional.ofNullable(username).map(users::get);
	}

	static UserAccount fromConfiguration(UserAuthProperties.User user) {
		return new UserAccount(user.username(), user.passwordHash(),
				user.totpSecret() == null || user.totpSecret().isBlank() ? null : user.totpSecret(),
				user.fhirUser(), user.organization() == null || user.organization().isBlank() ? null : user.organization(),
				user.roles(), user.displayName() == null || user.displayName().isBlank() ? user.username() : user.displayName());
	}

	private static void check(UserAccount account) {
		if (account.username() == null || !account.username().matches("[A-Za-z0-9._@\\-]{1,64}")) {
			throw new IllegalStateException("renkei.auth.users: username must be 1-64 letters, digits or ._@-: " + account.username());
		}
		String where = "renkei.auth.users[" + account.username() + "]: ";
		if (account.passwordHash() == null || !ClientSecretHash.isWellFormed(account.passwordHash())) {
			throw new IllegalStateException(where + "password-hash must be a pbkdf2-sha256 hash (see ClientSecretHash)");
		}
		if (Integer.parseInt(account.passwordHash().split("\\$")[1]) < ClientSecretHash.ITERATIONS) {
			LOG.warn("{}password-hash uses fewer than {} PBKDF2 iterations: acceptable for test users only", where,
					ClientSecretHash.ITERATIONS);
		}
		if (account.fhirUser() == null || !FHIR_USER.matcher(account.fhirUser()).matches()) {
			throw new IllegalStateException(where + "fhir-user must be a relative reference such as Practitioner/x or Patient/y");
		}
		if (account.organization() != null && !account.organization().matches("Organization/[A-Za-z0-9\\-.]{1,64}")) {
			throw new IllegalStateException(where + "organization must be Organization/<id>");
		}
		if (account.hasSecondFactor()) {
			try {
				if (Base32.decode(account.totpSecret()).length < 10) {
					throw new IllegalStateException(where + "totp-secret must hold at least 80 bits (16 Base32 characters)");
				}
			} catch (IllegalArgumentException e) {
				throw new IllegalStateException(where + "totp-secret is not Base32", e);
			}
		}
	}
}
