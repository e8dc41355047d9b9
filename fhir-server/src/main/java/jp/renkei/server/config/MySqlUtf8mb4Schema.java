package jp.renkei.server.config;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.migrate.taskdef.InitializeSchemaTask;
import ca.uhn.fhir.jpa.migrate.tasks.api.ISchemaInitializationProvider;
import java.util.List;
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
 */
final class MySqlUtf8mb4Schema {

	private static final Pattern SEARCH_URL_COLUMN =
			Pattern.compile("RES_SEARCH_URL varchar\\(768\\) not null", Pattern.CASE_INSENSITIVE);

	private MySqlUtf8mb4Schema() {}

	static InitializeSchemaTask adjust(InitializeSchemaTask task) {
		ISchemaInitializationProvider original = task.getSchemaInitializationProvider();
		InitializeSchemaTask adjusted = new InitializeSchemaTask(
				task.getProductVersion(), task.getSchemaVersion(), new Provider(original));
		adjusted.setDescription(task.getDescription());
		return adjusted;
	}

	static String adjustStatement(String sql) {
		return SEARCH_URL_COLUMN
				.matcher(sql)
				.replaceAll("RES_SEARCH_URL varchar(768) character set ascii collate ascii_bin not null");
	}

	private record Provider(ISchemaInitializationProvider delegate) implements ISchemaInitializationProvider {

		@Override
		public List<String> getSqlStatements(DriverTypeEnum driverType) {
			return delegate.getSqlStatements(driverType).stream()
					.map(MySqlUtf8mb4Schema::adjustStatement)
					.toList();
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
