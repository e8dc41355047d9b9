package jp.renkei.server.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import jp.renkei.server.config.DatabasePlatform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The write-ahead journal of the audit trail: one row per audited request, inserted synchronously
 * (one short auto-committed statement on the server's database) before the response is sent, so a
 * crash after the response loses nothing. {@link AuditMaterializer} turns pending rows into AuditEvent
 * resources and marks them done.
 *
 * <p>One table, {@code RENKEI_AUDIT_JOURNAL}, created when absent with SQL that H2, MySQL/MariaDB and
 * PostgreSQL all accept (unquoted names, {@code BIGINT} epoch milliseconds). The AuditEvent is stored
 * as its FHIR JSON; on MySQL as {@code MEDIUMTEXT}, since a search of hundreds of resources names each.
 *
 * <p>A write is journaled before it is made: a provisional row ({@link #reserve}) that the response
 * completes ({@link #complete}). A provisional row is materialized as it is only when it was never
 * completed within {@link #PROVISIONAL_GRACE} (the server stopped in the middle of the request, or the
 * completion failed after the write committed), so even then the attempt is on record.
 */
public class AuditJournal {

	private static final Logger LOG = LoggerFactory.getLogger(AuditJournal.class);
	static final String TABLE = "RENKEI_AUDIT_JOURNAL";
	/** How long a provisional row waits for its request to complete it. */
	static final Duration PROVISIONAL_GRACE = Duration.ofMinutes(5);
	private static final int PROVISIONAL = 0;
	private static final int FINAL = 1;

	/** A journal row not yet materialized. */
	public record PendingEntry(String id, String eventJson, int attempts) {}

	private final JdbcTemplate jdbc;
	private final Clock clock;

	public AuditJournal(JdbcTemplate jdbc, DatabasePlatform platform, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
		createTableIfAbsent(platform);
	}

	/**
	 * Records one audited request; throws {@link DataAccessException} when it cannot, in which case
	 * the caller must refuse the request.
	 */
	public void append(String id, String eventJson) {
		insert(id, eventJson, FINAL);
	}

	/** Records a write about to be made (before it is made); throws when it cannot. */
	public void reserve(String id, String provisionalEventJson) {
		insert(id, provisionalEventJson, PROVISIONAL);
	}

	/** Replaces a reserved row's provisional AuditEvent by the final one. */
	public void complete(String id, String eventJson) {
		int updated = jdbc.update("UPDATE " + TABLE + " SET EVENT_JSON = ?, RECORD_STATE = ? WHERE ID = ? AND MATERIALIZED_AT IS NULL",
				eventJson, FINAL, id);
		if (updated != 1) {
			throw new IllegalStateException("audit journal row " + id + " is no longer open");
		}
	}

	private void insert(String id, String eventJson, int state) {
		jdbc.update("INSERT INTO " + TABLE + " (ID, RECORDED_AT, EVENT_JSON, RECORD_STATE, ATTEMPTS) VALUES (?, ?, ?, ?, 0)",
				id, clock.millis(), eventJson, state);
	}

	/**
	 * The oldest rows ready to be materialized: final ones, and provisional ones left open longer than
	 * {@link #PROVISIONAL_GRACE}; skipping rows that failed {@code maxAttempts} times.
	 */
	public List<PendingEntry> pending(int limit, int maxAttempts) {
		JdbcTemplate limited = new JdbcTemplate(jdbc.getDataSource());
		limited.setMaxRows(limit);
		return limited.query("SELECT ID, EVENT_JSON, ATTEMPTS FROM " + TABLE
						+ " WHERE MATERIALIZED_AT IS NULL AND ATTEMPTS < ? AND (RECORD_STATE = ? OR RECORDED_AT < ?)"
						+ " ORDER BY RECORDED_AT, ID",
				(rs, row) -> new PendingEntry(rs.getString(1), rs.getString(2), rs.getInt(3)),
				maxAttempts, FINAL, clock.millis() - PROVISIONAL_GRACE.toMillis());
	}

	/** Marks rows whose AuditEvent is stored. */
	public void markMaterialized(List<String> ids) {
		long now = clock.millis();
		jdbc.batchUpdate("UPDATE " + TABLE + " SET MATERIALIZED_AT = ?, LAST_ERROR = NULL WHERE ID = ?",
				ids.stream().map(id -> new Object[] {now, id}).toList());
	}

	/** Counts a failed attempt (the row is retried until {@code maxAttempts}; an operator sees LAST_ERROR). */
	public void markFailed(String id, String error) {
		String message = error == null ? "unknown error" : error.substring(0, Math.min(error.length(), 1000));
		jdbc.update("UPDATE " + TABLE + " SET ATTEMPTS = ATTEMPTS + 1, LAST_ERROR = ? WHERE ID = ?", message, id);
	}

	/** Rows not yet materialized (for monitoring and tests). */
	public long pendingCount() {
		Long count = jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE + " WHERE MATERIALIZED_AT IS NULL", Long.class);
		return count == null ? 0 : count;
	}

	private void createTableIfAbsent(DatabasePlatform platform) {
		if (tableExists()) {
			return;
		}
		LOG.info("Creating table {} for the audit trail's journal", TABLE);
		String json = platform.isMySqlFamily() ? "MEDIUMTEXT" : "TEXT";
		String options = platform.isMySqlFamily() ? " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin" : "";
		try {
			jdbc.execute("CREATE TABLE " + TABLE + " ("
					+ "ID VARCHAR(64) NOT NULL PRIMARY KEY, "
					+ "RECORDED_AT BIGINT NOT NULL, "
					+ "EVENT_JSON " + json + " NOT NULL, "
					+ "RECORD_STATE INT NOT NULL, "
					+ "MATERIALIZED_AT BIGINT, "
					+ "ATTEMPTS INT NOT NULL, "
					+ "LAST_ERROR VARCHAR(1000))" + options);
			jdbc.execute("CREATE INDEX IDX_RENKEI_AUDIT_PENDING ON " + TABLE + " (MATERIALIZED_AT, RECORDED_AT)");
		} catch (DataAccessException e) {
			// Two nodes starting together may race on the catalog: what matters is that the table exists now.
			if (!tableExists()) {
				throw e;
			}
		}
	}

	private boolean tableExists() {
		try {
			jdbc.queryForList("SELECT ID FROM " + TABLE + " WHERE 1 = 0");
			return true;
		} catch (DataAccessException absent) {
			return false;
		}
	}
}
