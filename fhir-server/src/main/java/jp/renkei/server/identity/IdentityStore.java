package jp.renkei.server.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import jp.renkei.server.config.DatabasePlatform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The identity index tables, on the server's own database (joined to the current JPA transaction
 * through the data source, like {@code RENKEI_CONSENT_INDEX}):
 *
 * <ul>
 *   <li>{@code RENKEI_IDENTITY_RECORD}: one row per Patient record, its folded evidence and its person
 *       (the regional common id {@code rp-<uuid>}), how it got there ({@code new}, {@code auto},
 *       {@code confirmed}) and with what score;</li>
 *   <li>{@code RENKEI_IDENTITY_PHONE}: the record's phone numbers, so candidates sharing one are
 *       found by index;</li>
 *   <li>{@code RENKEI_IDENTITY_REJECTION}: pairs of records a reviewer separated, never linked
 *       automatically again;</li>
 *   <li>{@code RENKEI_IDENTITY_LOCK}: one row, locked ({@code SELECT ... FOR UPDATE}) by every linking
 *       transaction so that two records of one person written at the same moment on two nodes do not
 *       both become a new person.</li>
 * </ul>
 */
@Component
class IdentityStore {

	static final String RECORDS = "RENKEI_IDENTITY_RECORD";
	static final String PHONES = "RENKEI_IDENTITY_PHONE";
	static final String REJECTIONS = "RENKEI_IDENTITY_REJECTION";
	static final String LOCK = "RENKEI_IDENTITY_LOCK";
	private static final Logger LOG = LoggerFactory.getLogger(IdentityStore.class);
	private static final String COLUMNS = "PATIENT_ID, PERSON_ID, BIRTH_DATE, GENDER, KANA_KEY, KANJI_KEY, PHONES, INSURANCE, "
			+ "ORGANIZATION, LINK_KIND, SCORE, UPDATED_AT";

	/** How a record came to its person. */
	enum LinkKind {
		/** the first record of a new person */
		NEW,
		/** joined a person whose record scored at least the link threshold */
		AUTO,
		/** placed by a reviewer ({@code $link}, {@code $unlink}) */
		CONFIRMED;

		String code() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

		static LinkKind of(String code) {
			return valueOf(code.toUpperCase(java.util.Locale.ROOT));
		}
	}

	/** How a query reads: as of its statement, or (linking, under the lock) the latest committed rows on every database. */
	enum Read {
		PLAIN,
		LATEST_COMMITTED
	}

	/** One row of the index. */
	record IndexedRecord(String patientId, String personId, IdentityEvidence evidence, LinkKind kind, Double score) {}

	private final JdbcTemplate jdbc;
	/**
	 * Appended to the reads of the linking transaction. InnoDB's default isolation (repeatable read)
	 * would show that transaction a snapshot taken before it got the linking lock, without the record
	 * another node linked meanwhile; a locking read sees the latest committed rows. H2 and PostgreSQL
	 * read committed data in each statement.
	 */
	private final String latestCommitted;

	IdentityStore(DataSource dataSource, DatabasePlatform platform) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.latestCommitted = platform.isMySqlFamily() ? " FOR UPDATE" : "";
		createTablesIfAbsent(platform);
	}

	/** Waits for, and holds until the transaction ends, the region-wide linking lock. */
	void lockForLinking() {
		jdbc.queryForList("SELECT ID FROM " + LOCK + " WHERE ID = 1 FOR UPDATE");
	}

	Optional<IndexedRecord> find(String patientId) {
		return find(patientId, Read.PLAIN);
	}

	Optional<IndexedRecord> find(String patientId, Read read) {
		return jdbc.query("SELECT " + COLUMNS + " FROM " + RECORDS + " WHERE PATIENT_ID = ?" + suffix(read), IdentityStore::row, patientId)
				.stream().findFirst();
	}

	/** The records of one person, by patient id. */
	List<IndexedRecord> ofPerson(String personId) {
		return ofPerson(personId, Read.PLAIN);
	}

	List<IndexedRecord> ofPerson(String personId, Read read) {
		return jdbc.query("SELECT " + COLUMNS + " FROM " + RECORDS + " WHERE PERSON_ID = ? ORDER BY PATIENT_ID" + suffix(read),
				IdentityStore::row, personId);
	}

	/** The records of several persons. */
	List<IndexedRecord> ofPersons(Collection<String> personIds) {
		if (personIds.isEmpty()) {
			return List.of();
		}
		String marks = personIds.stream().map(id -> "?").collect(Collectors.joining(", "));
		return jdbc.query("SELECT " + COLUMNS + " FROM " + RECORDS + " WHERE PERSON_ID IN (" + marks + ") ORDER BY PATIENT_ID",
				IdentityStore::row, personIds.toArray());
	}

	/**
	 * Records sharing the birth date, the insurance member id or a phone number with {@code evidence}
	 * (each an indexed look-up), at most {@code limit} of each kind.
	 */
	List<IndexedRecord> candidates(IdentityEvidence evidence, int limit, Read read) {
		Map<String, IndexedRecord> found = new LinkedHashMap<>();
		if (evidence.insurance() != null) {
			add(found, jdbc.query("SELECT " + COLUMNS + " FROM " + RECORDS + " WHERE INSURANCE = ? ORDER BY PATIENT_ID" + suffix(read),
					limited(limit), evidence.insurance()));
		}
		if (evidence.birthDate() != null) {
			add(found, jdbc.query("SELECT " + COLUMNS + " FROM " + RECORDS + " WHERE BIRTH_DATE = ? ORDER BY PATIENT_ID" + suffix(read),
					limited(limit), evidence.birthDate()));
		}
		if (!evidence.phones().isEmpty()) {
			String marks = evidence.phones().stream().map(phone -> "?").collect(Collectors.joining(", "));
			add(found, jdbc.query("SELECT " + prefixed("r") + " FROM " + RECORDS + " r WHERE r.PATIENT_ID IN (SELECT p.PATIENT_ID FROM "
					+ PHONES + " p WHERE p.PHONE IN (" + marks + ")) ORDER BY r.PATIENT_ID" + suffix(read), limited(limit),
					evidence.phones().toArray()));
		}
		return List.copyOf(found.values());
	}

	void insert(String patientId, String personId, IdentityEvidence evidence, LinkKind kind, Double score, long now) {
		jdbc.update("INSERT INTO " + RECORDS + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				new Object[] {patientId, personId, evidence.birthDate(), evidence.gender(), evidence.kanaKey(), evidence.kanjiKey(),
						evidence.phones().isEmpty() ? null : String.join(" ", evidence.phones()), evidence.insurance(),
						evidence.organization(), kind.code(), score, now},
				new int[] {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
						Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.DOUBLE, Types.BIGINT});
		// Phone rows left behind without their record (a partial restore) are replaced.
		jdbc.update("DELETE FROM " + PHONES + " WHERE PATIENT_ID = ?", patientId);
		writePhones(patientId, evidence);
	}

	void updateEvidence(String patientId, IdentityEvidence evidence, long now) {
		jdbc.update("UPDATE " + RECORDS + " SET BIRTH_DATE = ?, GENDER = ?, KANA_KEY = ?, KANJI_KEY = ?, PHONES = ?, INSURANCE = ?, "
				+ "ORGANIZATION = ?, UPDATED_AT = ? WHERE PATIENT_ID = ?",
				new Object[] {evidence.birthDate(), evidence.gender(), evidence.kanaKey(), evidence.kanjiKey(),
						evidence.phones().isEmpty() ? null : String.join(" ", evidence.phones()), evidence.insurance(),
						evidence.organization(), now, patientId},
				new int[] {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
						Types.BIGINT, Types.VARCHAR});
		jdbc.update("DELETE FROM " + PHONES + " WHERE PATIENT_ID = ?", patientId);
		writePhones(patientId, evidence);
	}

	void movePerson(String patientId, String personId, LinkKind kind, Double score, long now) {
		jdbc.update("UPDATE " + RECORDS + " SET PERSON_ID = ?, LINK_KIND = ?, SCORE = ?, UPDATED_AT = ? WHERE PATIENT_ID = ?",
				new Object[] {personId, kind.code(), score, now, patientId},
				new int[] {Types.VARCHAR, Types.VARCHAR, Types.DOUBLE, Types.BIGINT, Types.VARCHAR});
	}

	void delete(String patientId) {
		jdbc.update("DELETE FROM " + PHONES + " WHERE PATIENT_ID = ?", patientId);
		jdbc.update("DELETE FROM " + RECORDS + " WHERE PATIENT_ID = ?", patientId);
		jdbc.update("DELETE FROM " + REJECTIONS + " WHERE PATIENT_A = ? OR PATIENT_B = ?", patientId, patientId);
	}

	/** The records a reviewer separated from {@code patientId}. */
	Set<String> rejectedWith(String patientId) {
		return rejectedWith(patientId, Read.PLAIN);
	}

	Set<String> rejectedWith(String patientId, Read read) {
		Set<String> rejected = new LinkedHashSet<>();
		jdbc.query("SELECT PATIENT_A, PATIENT_B FROM " + REJECTIONS + " WHERE PATIENT_A = ? OR PATIENT_B = ?" + suffix(read), rs -> {
			rejected.add(rs.getString(1).equals(patientId) ? rs.getString(2) : rs.getString(1));
		}, patientId, patientId);
		return rejected;
	}

	void reject(String a, String b, String decidedBy, long now) {
		String first = a.compareTo(b) <= 0 ? a : b;
		String second = first.equals(a) ? b : a;
		jdbc.update("DELETE FROM " + REJECTIONS + " WHERE PATIENT_A = ? AND PATIENT_B = ?", first, second);
		jdbc.update("INSERT INTO " + REJECTIONS + " (PATIENT_A, PATIENT_B, DECIDED_BY, DECIDED_AT) VALUES (?, ?, ?, ?)",
				first, second, decidedBy, now);
	}

	void removeRejection(String a, String b) {
		jdbc.update("DELETE FROM " + REJECTIONS + " WHERE (PATIENT_A = ? AND PATIENT_B = ?) OR (PATIENT_A = ? AND PATIENT_B = ?)",
				a, b, b, a);
	}

	long count() {
		Long count = jdbc.queryForObject("SELECT COUNT(*) FROM " + RECORDS, Long.class);
		return count == null ? 0 : count;
	}

	List<String> indexedIds() {
		return jdbc.queryForList("SELECT PATIENT_ID FROM " + RECORDS, String.class);
	}

	long storedPatients() {
		Long count = jdbc.queryForObject(
				"SELECT COUNT(*) FROM HFJ_RESOURCE WHERE RES_TYPE = 'Patient' AND RES_DELETED_AT IS NULL", Long.class);
		return count == null ? 0 : count;
	}

	private String suffix(Read read) {
		return read == Read.LATEST_COMMITTED ? latestCommitted : "";
	}

	private void writePhones(String patientId, IdentityEvidence evidence) {
		for (String phone : evidence.phones()) {
			jdbc.update("INSERT INTO " + PHONES + " (PHONE, PATIENT_ID) VALUES (?, ?)", phone, patientId);
		}
	}

	private static void add(Map<String, IndexedRecord> found, List<IndexedRecord> rows) {
		rows.forEach(row -> found.putIfAbsent(row.patientId(), row));
	}

	private static org.springframework.jdbc.core.ResultSetExtractor<List<IndexedRecord>> limited(int limit) {
		return rs -> {
			List<IndexedRecord> rows = new ArrayList<>();
			while (rows.size() < limit && rs.next()) {
				rows.add(row(rs, rows.size()));
			}
			return rows;
		};
	}

	private static String prefixed(String alias) {
		return Arrays.stream(COLUMNS.split(", ")).map(column -> alias + "." + column).collect(Collectors.joining(", "));
	}

	private static IndexedRecord row(ResultSet rs, int rowNumber) throws SQLException {
		String phones = rs.getString("PHONES");
		IdentityEvidence evidence = new IdentityEvidence(rs.getString("BIRTH_DATE"), rs.getString("GENDER"),
				rs.getString("KANA_KEY"), rs.getString("KANJI_KEY"),
				phones == null || phones.isBlank() ? Set.of() : new LinkedHashSet<>(Arrays.asList(phones.split(" "))),
				rs.getString("INSURANCE"), rs.getString("ORGANIZATION"));
		double score = rs.getDouble("SCORE");
		return new IndexedRecord(rs.getString("PATIENT_ID"), rs.getString("PERSON_ID"), evidence,
				LinkKind.of(rs.getString("LINK_KIND")), rs.wasNull() ? null : score);
	}

	private void createTablesIfAbsent(DatabasePlatform platform) {
		// MySQL/MariaDB: utf8mb4 (4 bytes a character) with binary collation so that 𠮷 and kana of
		// different width stay distinct; every key stays far below InnoDB's 3072 bytes.
		String text = platform.isMySqlFamily() ? " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin" : "";
		createIfAbsent(RECORDS, List.of("CREATE TABLE " + RECORDS + " ("
				+ "PATIENT_ID VARCHAR(100)" + text + " NOT NULL PRIMARY KEY, "
				+ "PERSON_ID VARCHAR(64)" + text + " NOT NULL, "
				+ "BIRTH_DATE VARCHAR(10)" + text + ", "
				+ "GENDER VARCHAR(16)" + text + ", "
				+ "KANA_KEY VARCHAR(200)" + text + ", "
				+ "KANJI_KEY VARCHAR(200)" + text + ", "
				+ "PHONES VARCHAR(500)" + text + ", "
				+ "INSURANCE VARCHAR(100)" + text + ", "
				+ "ORGANIZATION VARCHAR(120)" + text + ", "
				+ "LINK_KIND VARCHAR(16)" + text + " NOT NULL, "
				+ "SCORE DOUBLE PRECISION, "
				+ "UPDATED_AT BIGINT NOT NULL)",
				"CREATE INDEX IDX_RENKEI_IDENT_BIRTH ON " + RECORDS + " (BIRTH_DATE)",
				"CREATE INDEX IDX_RENKEI_IDENT_PERSON ON " + RECORDS + " (PERSON_ID)",
				"CREATE INDEX IDX_RENKEI_IDENT_INSURANCE ON " + RECORDS + " (INSURANCE)"));
		createIfAbsent(PHONES, List.of("CREATE TABLE " + PHONES + " ("
				+ "PHONE VARCHAR(32)" + text + " NOT NULL, "
				+ "PATIENT_ID VARCHAR(100)" + text + " NOT NULL, "
				+ "PRIMARY KEY (PHONE, PATIENT_ID))",
				"CREATE INDEX IDX_RENKEI_IDENT_PHONE_PAT ON " + PHONES + " (PATIENT_ID)"));
		createIfAbsent(REJECTIONS, List.of("CREATE TABLE " + REJECTIONS + " ("
				+ "PATIENT_A VARCHAR(100)" + text + " NOT NULL, "
				+ "PATIENT_B VARCHAR(100)" + text + " NOT NULL, "
				+ "DECIDED_BY VARCHAR(200)" + text + " NOT NULL, "
				+ "DECIDED_AT BIGINT NOT NULL, "
				+ "PRIMARY KEY (PATIENT_A, PATIENT_B))",
				"CREATE INDEX IDX_RENKEI_IDENT_REJ_B ON " + REJECTIONS + " (PATIENT_B)"));
		createIfAbsent(LOCK, List.of("CREATE TABLE " + LOCK + " (ID INTEGER NOT NULL PRIMARY KEY)"));
		try {
			if (jdbc.queryForObject("SELECT COUNT(*) FROM " + LOCK, Long.class) == 0) {
				jdbc.update("INSERT INTO " + LOCK + " (ID) VALUES (1)");
			}
		} catch (DataAccessException e) {
			// Another node inserted it at the same moment.
			LOG.debug("Lock row of {} already present: {}", LOCK, e.getMessage());
		}
	}

	private void createIfAbsent(String table, List<String> statements) {
		try {
			jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
			return;
		} catch (DataAccessException absent) {
			LOG.info("Creating table {} (regional patient identity)", table);
		}
		try {
			statements.forEach(jdbc::execute);
		} catch (DataAccessException e) {
			// Another node created it at the same moment: what matters is that it exists now.
			jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
		}
	}
}
