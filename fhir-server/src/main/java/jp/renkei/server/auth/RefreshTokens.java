package jp.renkei.server.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Refresh tokens with rotation, kept in the application database so they survive restarts (table
 * {@code renkei_refresh_token}, created when absent with DDL that H2, MySQL/MariaDB and PostgreSQL
 * all accept). Only SHA-256 hashes of tokens are stored.
 *
 * <p>Every use returns a new token of the same family and spends the old one. A spent token used
 * again means it was copied: the whole family, and the access tokens issued from it, are revoked
 * (OAuth 2.0 Security BCP, refresh token rotation). A family's lifetime is fixed when the user
 * approves ({@code offline_access} / {@code online_access} lifetimes); {@code online_access}
 * families are also revoked when the login session ends.
 */
public class RefreshTokens {

	private static final Logger LOG = LoggerFactory.getLogger(RefreshTokens.class);
	static final String TABLE = "renkei_refresh_token";

	/** A refresh token accepted for rotation: the grant it carries and its family. */
	public record Rotation(UserGrant grant, String family, Instant expiresAt) {}

	/** A newly issued refresh token (shown to the client once) and its family. */
	public record Issued(String token, String family) {}

	private final JdbcTemplate jdbc;
	private final ExpiringIdSet revokedAccessTokens;
	private final Clock clock;
	private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

	public RefreshTokens(JdbcTemplate jdbc, ExpiringIdSet revokedAccessTokens, Clock clock) {
		this.jdbc = jdbc;
		this.revokedAccessTokens = revokedAccessTokens;
		this.clock = clock;
		createTableIfAbsent();
	}

	private void createTableIfAbsent() {
		try {
			jdbc.queryForList("SELECT token_hash FROM " + TABLE + " WHERE 1 = 0");
			return;
		} catch (DataAccessException absent) {
			LOG.info("Creating table {} for refresh tokens", TABLE);
		}
		jdbc.execute("CREATE TABLE " + TABLE + " ("
				+ "token_hash VARCHAR(64) NOT NULL PRIMARY KEY, "
				+ "family_id VARCHAR(64) NOT NULL, "
				+ "client_id VARCHAR(255) NOT NULL, "
				+ "username VARCHAR(255) NOT NULL, "
				+ "login_session VARCHAR(64), "
				+ "grant_json VARCHAR(8000) NOT NULL, "
				+ "created_at BIGINT NOT NULL, "
				+ "expires_at BIGINT NOT NULL, "
				+ "used_at BIGINT, "
				+ "revoked_at BIGINT, "
				+ "access_token_id VARCHAR(64), "
				+ "access_token_expires_at BIGINT)");
		jdbc.execute("CREATE INDEX idx_renkei_rt_family ON " + TABLE + " (family_id)");
		jdbc.execute("CREATE INDEX idx_renkei_rt_session ON " + TABLE + " (login_session)");
	}

	/**
	 * Stores a new refresh token.
	 *
	 * @param grant what it grants
	 * @param family its family, or null to start one
	 * @param expiresAt when the family ends
	 * @param online whether it ends with the login session ({@code online_access})
	 * @param accessTokenId the access token issued with it (revoked with the family)
	 * @param accessTokenExpiresAt when that access token expires
	 * @return the token and its family
	 */
	public Issued issue(UserGrant grant, String family, Instant expiresAt, boolean online, String accessTokenId,
			Instant accessTokenExpiresAt) {
		String token = LaunchContexts.randomId();
		String familyId = family != null ? family : LaunchContexts.randomId();
		jdbc.update("INSERT INTO " + TABLE + " (token_hash, family_id, client_id, username, login_session, grant_json, "
						+ "created_at, expires_at, access_token_id, access_token_expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				AuthorizationCodes.hash(token), familyId, grant.clientId(), grant.user().username(),
				online ? grant.loginSessionId() : null, toJson(grant), clock.millis(), expiresAt.toEpochMilli(),
				accessTokenId, accessTokenExpiresAt.toEpochMilli());
		return new Issued(token, familyId);
	}

	/**
	 * Spends {@code token} for a rotation, or refuses with {@code invalid_grant}: unknown, issued to
	 * another client, expired, revoked, or already spent (then the family is revoked); or with
	 * {@code invalid_scope}, leaving the token unspent, when {@code narrowed} is not within its grant.
	 *
	 * @param narrowed the scopes asked for this refresh, or null for the grant's own
	 */
	public Rotation spend(String token, String clientId, java.util.Set<String> narrowed) {
		String hash = AuthorizationCodes.hash(token);
		List<Map<String, Object>> rows = jdbc.queryForList(
				"SELECT family_id, client_id, grant_json, expires_at, used_at, revoked_at FROM " + TABLE + " WHERE token_hash = ?", hash);
		if (rows.isEmpty()) {
			throw OAuthException.invalidGrant("the refresh token is unknown");
		}
		Map<String, Object> row = rows.get(0);
		String family = (String) row.get("family_id");
		if (!clientId.equals(row.get("client_id"))) {
			throw OAuthException.invalidGrant("the refresh token was not issued to this client");
		}
		if (row.get("revoked_at") != null) {
			throw OAuthException.invalidGrant("the refresh token has been revoked");
		}
		if (row.get("used_at") != null) {
			revokeFamily(family, "a spent refresh token was presented again");
			throw OAuthException.invalidGrant("the refresh token was already used; its whole family is now revoked");
		}
		long now = clock.millis();
		if (((Number) row.get("expires_at")).longValue() <= now) {
			throw OAuthException.invalidGrant("the refresh token has expired");
		}
		UserGrant grant = fromJson((String) row.get("grant_json"));
		if (narrowed != null && !grant.scopes().containsAll(narrowed)) {
			throw OAuthException.invalidScope("a refresh may narrow the scopes, never widen them");
		}
		int spent = jdbc.update("UPDATE " + TABLE + " SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND revoked_at IS NULL",
				now, hash);
		if (spent != 1) {
			// Another request spent it at the same moment: one of the two is a copy.
			revokeFamily(family, "a refresh token was presented twice at once");
			throw OAuthException.invalidGrant("the refresh token was already used; its whole family is now revoked");
		}
		return new Rotation(grant, family,
				Instant.ofEpochMilli(((Number) row.get("expires_at")).longValue()));
	}

	/** Revokes every token of {@code family} and the access tokens issued with them. */
	public void revokeFamily(String family, String reason) {
		long now = clock.millis();
		int revoked = jdbc.update("UPDATE " + TABLE + " SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL", now, family);
		revokeAccessTokens(jdbc.queryForList(
				"SELECT access_token_id, access_token_expires_at FROM " + TABLE + " WHERE family_id = ? AND access_token_id IS NOT NULL",
				family));
		LOG.warn("Revoked refresh token family {} ({} tokens): {}", family.substring(0, 8), revoked, reason);
	}

	/** Ends the {@code online_access} tokens of a login session (sign-out or session timeout). */
	public void revokeLoginSession(String loginSessionId) {
		List<Map<String, Object>> families = jdbc.queryForList(
				"SELECT DISTINCT family_id FROM " + TABLE + " WHERE login_session = ? AND revoked_at IS NULL", loginSessionId);
		families.forEach(row -> revokeFamily((String) row.get("family_id"), "the login session ended (online_access)"));
	}

	/** RFC 7009: revokes the family of {@code token} when it belongs to {@code clientId}; false when it is not a refresh token of ours. */
	public boolean revoke(String token, String clientId) {
		List<Map<String, Object>> rows = jdbc.queryForList(
				"SELECT family_id, client_id FROM " + TABLE + " WHERE token_hash = ?", AuthorizationCodes.hash(token));
		if (rows.isEmpty()) {
			return false;
		}
		if (!clientId.equals(rows.get(0).get("client_id"))) {
			throw OAuthException.unauthorizedClient("the token was not issued to client " + clientId);
		}
		revokeFamily((String) rows.get(0).get("family_id"), "revoked by its client");
		return true;
	}

	private void revokeAccessTokens(List<Map<String, Object>> rows) {
		for (Map<String, Object> row : rows) {
			Object expiry = row.get("access_token_expires_at");
			if (expiry != null) {
				revokedAccessTokens.add((String) row.get("access_token_id"), Instant.ofEpochMilli(((Number) expiry).longValue()));
			}
		}
	}

	private String toJson(UserGrant grant) {
		try {
			return json.writeValueAsString(grant);
		} catch (JsonProcessingException e) {
			throw new IllegalStateException("Cannot serialise a grant", e);
		}
	}

	private UserGrant fromJson(String text) {
		try {
			return json.readValue(text, UserGrant.class);
		} catch (JsonProcessingException e) {
			throw new IllegalStateException("A stored refresh grant cannot be read", e);
		}
	}
}
