package jp.renkei.server.emergency;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import jp.renkei.server.config.DatabasePlatform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The emergency-access windows, in table {@value #TABLE}: who opened which patient's record, why,
 * and until when. Shared by every node through the database.
 */
@Component
public class EmergencyAccessWindows {

	static final String TABLE = "RENKEI_EMERGENCY_ACCESS";
	private static final Logger LOG = LoggerFactory.getLogger(EmergencyAccessWindows.class);

	private final JdbcTemplate jdbc;

	public EmergencyAccessWindows(DataSource dataSource, DatabasePlatform platform) {
		this.jdbc = new JdbcTemplate(dataSource);
		createTableIfAbsent(platform);
	}

	EmergencyAccessGrant open(String purposeOfUse, String reason, String patientId, String username, String clientId,
			String organization, Instant openedAt, Instant expiresAt) {
		String id = UUID.randomUUID().toString();
		jdbc.update("INSERT INTO " + TABLE + " (ID, PURPOSE_OF_USE, REASON, PATIENT_ID, USERNAME, CLIENT_ID, ORGANIZATION, "
						+ "OPENED_AT, EXPIRES_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
				id, purposeOfUse, reason, patientId, username, clientId, organization, openedAt.toEpochMilli(),
				expiresAt.toEpochMilli());
		return new EmergencyAccessGrant(id, purposeOfUse, reason, patientId, username, organization, openedAt, expiresAt, true);
	}

	/** The user's latest window for the patient that is still open at {@code now}. */
	Optional<EmergencyAccessGrant> openWindow(String username, String patientId, Instant now) {
		List<EmergencyAccessGrant> open = jdbc.query("SELECT ID, PURPOSE_OF_USE, REASON, PATIENT_ID, USERNAME, ORGANIZATION, "
						+ "OPENED_AT, EXPIRES_AT FROM " + TABLE + " WHERE USERNAME = ? AND PATIENT_ID = ? AND EXPIRES_AT > ? "
						+ "ORDER BY OPENED_AT DESC",
				(rs, row) -> new EmergencyAccessGrant(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getString(5), rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)),
						Instant.ofEpochMilli(rs.getLong(8)), false),
				username, patientId, now.toEpochMilli());
		return open.stream().findFirst();
	}

	private void createTableIfAbsent(DatabasePlatform platform) {
		try {
			jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE, Long.class);
			return;
		} catch (DataAccessException absent) {
			LOG.info("Creating table {} (emergency-access windows)", TABLE);
		}
		String text = platform.isMySqlFamily() ? " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin" : "";
		try {
			jdbc.execute("CREATE TABLE " + TABLE + " ("
					+ "ID VARCHAR(64) NOT NULL PRIMARY KEY, "
					+ "PURPOSE_OF_USE VARCHAR(16) NOT NULL, "
					+ "REASON VARCHAR(4000)" + text + " NOT NULL, "
					+ "PATIENT_ID VARCHAR(64) NOT NULL, "
					+ "USERNAME VARCHAR(255)" + text + " NOT NULL, "
					+ "CLIENT_ID VARCHAR(255) NOT NULL, "
					+ "ORGANIZATION VARCHAR(255), "
					+ "OPENED_AT BIGINT NOT NULL, "
					+ "EXPIRES_AT BIGINT NOT NULL)");
			jdbc.execute("CREATE INDEX IDX_RENKEI_EA_USER_PATIENT ON " + TABLE + " (USERNAME, PATIENT_ID)");
		} catch (DataAccessException e) {
			jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE, Long.class);
		}
	}
}
