package jp.renkei.server.config;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.migrate.taskdef.InitializeSchemaTask;
import ca.uhn.fhir.jpa.migrate.tasks.api.ISchemaInitializationProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes HAPI's initial MySQL/MariaDB schema creatable under {@code utf8mb4}.
 *
 * <p>InnoDB limits an index key to 3072 bytes. Under utf8mb4 every {@code varchar} character
 * counts 4 bytes, so HAPI's {@code HFJ_RES_SEARCH_URL} primary key ({@code varchar(768)} plus the
 * partition id) is 3076 bytes and the table cannot be created (the public starter, which uses
 * Hibernate's "update", logs the error and runs without the table, which breaks conditional-create
 * de-duplication). The column holds a normalised, URL-escaped match URL, which is pure ASCII, so it
 * is stored as {@code ascii}: 768 bytes, same semantics, and every text column that holds patient
 * data stays utf8mb4.
 *
 * <p>Two non-unique indexes are over the limit as well ({@code IDX_RESVER_ID_SRC_URI} on
 * meta.source and {@code IDX_SP_STRING_HASH_NRM_V2} on normalised string values, which hold
 * Japanese text); they get a 760-character prefix on the long column, which keeps them usable for
 * the equality and prefix look-ups HAPI makes (values are rarely that long and are re-checked on the
 * row anyway).
 */
final class MySqlUtf8mb4Schema {

	private static final Pattern SEARCH_URL_COLUMN =
			Pattern.compile("RES_SEARCH_URL varchar\\(768\\) not null", Pattern.CASE_INSENSITIVE);

	private MySqlUtf8mb4Schema() {}

	/** HAPI's DDL generated for the MariaDB dialect (native sequences), which HAPI's migrator does not pick itself. */
	private static final String MARIADB_SCHEMA = "/ca/uhn/hapi/fhir/jpa/docs/database/nonpartitioned/mariadb.sql";

	static InitializeSchemaTask adjust(InitializeSchemaTask task, DatabasePlatform platform) {
		ISchemaInitializationProvider original = task.getSchemaInitializationProvider();
		boolean hapiSchema = "HFJ_RESOURCE".equals(original.getSchemaExistsIndicatorTable());
		InitializeSchemaTask adjusted = new InitializeSchemaTask(
				task.getProductVersion(),
				task.getSchemaVersion(),
				new Provider(original, hapiSchema && platform == DatabasePlatform.MARIADB));
		adjusted.setDescription(task.getDescription());
		return adjusted;
	}

	private static final Map<Pattern, String> PREFIXED_INDEXES = Map.of(
			Pattern.compile("on HFJ_RES_VER \\(SOURCE_URI, RES_ID, PARTITION_ID\\)", Pattern.CASE_INSENSITIVE),
			"on HFJ_RES_VER (SOURCE_URI(760), RES_ID, PARTITION_ID)",
			Pattern.compile("on HFJ_SPIDX_STRING \\(HASH_NORM_PREFIX, SP_VALUE_NORMALIZED, RES_ID, PARTITION_ID\\)",
					Pattern.CASE_INSENSITIVE),
			"on HFJ_SPIDX_STRING (HASH_NORM_PREFIX, SP_VALUE_NORMALIZED(760), RES_ID, PARTITION_ID)");

	static String adjustStatement(String sql) {
		String adjusted = SEARCH_URL_COLUMN
				.matcher(sql)
				.replaceAll("RES_SEARCH_URL varchar(768) character set ascii collate ascii_bin not null");
		for (Map.Entry<Pattern, String> index : PREFIXED_INDEXES.entrySet()) {
			adjusted = index.getKey().matcher(adjusted).replaceAll(Matcher.quoteReplacement(index.getValue()));
		}
		return adjusted;
	}

	/** Splits a DDL script into statements the way HAPI's own schema initialisation does. */
	static List<String> statementsOf(String script) {
		return Arrays.stream(script.replaceAll("--.*", "").split(";"))
				.map(statement -> statement.replace('\n', ' ').replace('\t', ' ').replaceAll(" +", " ").strip())
				.filter(statement -> !statement.isEmpty())
				.toList();
	}

	private static String mariaDbScript() {
		try (InputStream in = MySqlUtf8mb4Schema.class.getResourceAsStream(MARIADB_SCHEMA)) {
			if (in == null) {
				throw new IllegalStateException("HAPI's MariaDB schema " + MARIADB_SCHEMA + " is missing");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * HAPI's migrator initialises MariaDB with its MySQL script, whose sequences are tables, while
	 * {@code HapiFhirMariaDBDialect} (and HAPI's later migration tasks for MariaDB) use native
	 * sequences: a fresh MariaDB database then fails on the first write. On MariaDB we therefore
	 * initialise with HAPI's MariaDB script.
	 */
	private record Provider(ISchemaInitializationProvider delegate, boolean useMariaDbScript)
			implements ISchemaInitializationProvider {

		@Override
		public List<String> getSqlStatements(DriverTypeEnum driverType) {
			List<String> statements = useMariaDbScript
					? statementsOf(mariaDbScript())
					: delegate.getSqlStatements(driverType);
			return statements.stream().map(MySqlUtf8mb4Schema::adjustStatement).toList();
		}

		@Override
		public String getSchemaExistsIndicatorTable() {
			return delegate.getSchemaExistsIndicatorTable();
		}

		@Override
		public String getSchemaDescription() {
			return delegate.getSchemaDescription();
		}

		@Override
		public ISchemaInitializationProvider setSchemaDescription(String description) {
			delegate.setSchemaDescription(description);
			return this;
		}

		@Override
		public boolean canInitializeSchema() {
			return delegate.canInitializeSchema();
		}

		@Override
		public boolean isEnabled() {
			return delegate.isEnabled();
		}
	}
}
