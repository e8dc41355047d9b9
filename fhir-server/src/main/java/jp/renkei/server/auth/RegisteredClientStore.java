package jp.renkei.server.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import jp.renkei.server.config.DatabasePlatform;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Clients registered through the registration API ({@link ClientRegistrationEndpoint}), kept in
 * the application's database so that they survive restarts and every server node sharing the
 * database knows them. One small table, {@code RENKEI_OAUTH_CLIENT}, created if absent with SQL
 * that H2, MySQL/MariaDB and PostgreSQL all accept (unquoted names, {@code BIGINT} epoch
 * milliseconds, the metadata as one JSON text column). The client secret is stored only as its
 * {@link ClientSecretHash}.
 */
public class RegisteredClientStore {

	static final String TABLE = "RENKEI_OAUTH_CLIENT";

	private final JdbcTemplate jdbc;

	/**
	 * A stored registration.
	 *
	 * @param clientId the server-generated client_id
	 * @param metadata the validated client metadata as JSON ({@link ClientMetadata#toJson()})
	 * @param secretHash the hash of its secret (client_secret_basic), else null
	 * @param issuedAt when it was registered
	 * @param updatedAt when it was last changed (tells a cache whether its copy is current)
	 */
	public record StoredClient(String clientId, String metadata, String secretHash, Instant issuedAt, Instant updatedAt) {}

	public RegisteredClientStore(DataSource dataSource, DatabasePlatform platform) {
		this.jdbc = new JdbcTemplate(dataSource);
		createTableIfAbsent(platform);
	}

	public Optional<StoredClient> find(String clientId) {
		List<StoredClient> found = jdbc.query(
				"SELECT CLIENT_ID, METADATA, SECRET_HASH, ISSUED_AT, UPDATED_AT FROM " + TABLE + " WHERE CLIENT_ID = ?",
				RegisteredClientStore::row, clientId);
		return found.stream().findFirst();
	}

	public void insert(StoredClient client) {
		jdbc.update("INSERT INTO " + TABLE + " (CLIENT_ID, METADATA, SECRET_HASH, ISSUED_AT, UPDATED_AT) VALUES (?, ?, ?, ?, ?)",
				client.clientId(), client.metadata(), client.secretHash(),
				client.issuedAt().toEpochMilli(), client.updatedAt().toEpochMilli());
	}

	/** Replaces the metadata and secret hash; false when the client does not exist (any more). */
	public boolean update(StoredClient client) {
		return jdbc.update("UPDATE " + TABLE + " SET METADATA = ?, SECRET_HASH = ?, UPDATED_AT = ? WHERE CLIENT_ID = ?",
				client.metadata(), client.secretHash(), client.updatedAt().toEpochMilli(), client.clientId()) == 1;
	}

	/** False when there was no such client. */
	public boolean delete(String clientId) {
		return jdbc.update("DELETE FROM " + TABLE + " WHERE CLIENT_ID = ?", clientId) == 1;
	}

	private static StoredClient row(ResultSet rs, int rowNumber) throws SQLException {
		return new StoredClient(rs.getString(1), rs.getString(2), rs.getString(3),
				Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5)));
	}

	private void createTableIfAbsent(DatabasePlatform platform) {
		// MySQL's TEXT holds 64 KiB, far more than the metadata (the JWKS is limited to 16 KiB); the
		// explicit character set keeps client names in 4-byte kanji intact even on a latin1 default.
		String options = platform.isMySqlFamily() ? " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin" : "";
		String ddl = "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
				+ "CLIENT_ID VARCHAR(64) NOT NULL PRIMARY KEY, "
				+ "METADATA TEXT NOT NULL, "
				+ "SECRET_HASH VARCHAR(255), "
				+ "ISSUED_AT BIGINT NOT NULL, "
				+ "UPDATED_AT BIGINT NOT NULL)" + options;
		try {
			jdbc.execute(ddl);
		} catch (DataAccessException e) {
			// Two nodes starting together may race on the catalog (PostgreSQL reports a duplicate type):
			// what matters is that the table exists now.
			if (!tableExists()) {
				throw e;
			}
		}
	}

	private boolean tableExists() {
		try {
			jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE, Long.class);
			return true;
		} catch (DataAccessException e) {
			return false;
		}
	}
}
