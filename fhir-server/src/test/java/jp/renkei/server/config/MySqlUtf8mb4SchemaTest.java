package jp.renkei.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.migrate.taskdef.InitializeSchemaTask;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Every key of HAPI's initial MySQL/MariaDB schema must fit InnoDB's 3072-byte limit under utf8mb4.
 * Computed from the DDL itself, so a HAPI upgrade that adds another long key fails here first.
 */
class MySqlUtf8mb4SchemaTest {

	private static final int MAX_KEY_BYTES = 3072;
	private static final Pattern CREATE_TABLE =
			Pattern.compile("create table (\\w+) \\((.*)\\)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
	private static final Pattern COLUMN = Pattern.compile(
			"^\\s*(\\w+) (\\w+)(?:\\((\\d+)\\))?( character set ascii)?", Pattern.CASE_INSENSITIVE);
	private static final Pattern PRIMARY_KEY = Pattern.compile("primary key \\(([^)]*)\\)", Pattern.CASE_INSENSITIVE);
	private static final Pattern INDEX =
			Pattern.compile("index (\\w+)\\s+on (\\w+) \\((.*)\\)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
	private static final Pattern KEY_PART = Pattern.compile("(\\w+)(?:\\((\\d+)\\))?");

	@Test
	void everyKeyOfTheAdjustedSchemaFitsUnderUtf8mb4() {
		for (DatabasePlatform platform : List.of(DatabasePlatform.MYSQL, DatabasePlatform.MARIADB)) {
			DriverTypeEnum driver = platform.migrationDriver();
			List<String> statements = initialSchema(platform, driver);
			Map<String, Integer> columnBytes = columnBytes(statements);
			int keysChecked = 0;
			for (String sql : statements) {
				Matcher table = CREATE_TABLE.matcher(sql.strip());
				if (table.find()) {
					Matcher primaryKey = PRIMARY_KEY.matcher(table.group(2));
					if (primaryKey.find()) {
						assertKeyFits(driver + " PK of " + table.group(1), table.group(1), primaryKey.group(1), columnBytes);
						keysChecked++;
					}
				}
				Matcher index = INDEX.matcher(sql.strip());
				if (index.find()) {
					assertKeyFits(driver + " " + index.group(1), index.group(2), index.group(3), columnBytes);
					keysChecked++;
				}
			}
			assertThat(keysChecked).as("keys found in the DDL").isGreaterThan(100);
		}
	}

	@Test
	void mariaDbUsesNativeSequencesLikeItsDialectAndMySqlUsesSequenceTables() {
		String mariaDb = String.join("\n", initialSchema(DatabasePlatform.MARIADB, DriverTypeEnum.MARIADB_10_1));
		String mySql = String.join("\n", initialSchema(DatabasePlatform.MYSQL, DriverTypeEnum.MYSQL_5_7));

		assertThat(mariaDb).contains("create sequence SEQ_RESOURCE_ID").doesNotContain("create table SEQ_RESOURCE_ID");
		assertThat(mySql).contains("create table SEQ_RESOURCE_ID").doesNotContain("create sequence");
	}

	@Test
	void otherDatabasesGetHapisSchemaUnchanged() {
		List<String> h2 = initialSchema(DatabasePlatform.H2, DriverTypeEnum.H2_EMBEDDED);
		assertThat(String.join("\n", h2)).doesNotContain("character set ascii").doesNotContain("(760)");
	}

	private static void assertKeyFits(String what, String table, String parts, Map<String, Integer> columnBytes) {
		int total = 0;
		for (String part : parts.split(",")) {
			Matcher key = KEY_PART.matcher(part.strip());
			if (key.find()) {
				total += key.group(2) != null
						? 4 * Integer.parseInt(key.group(2))
						: columnBytes.getOrDefault(table.toUpperCase() + "." + key.group(1).toUpperCase(), 0);
			}
		}
		assertThat(total).as(what).isLessThanOrEqualTo(MAX_KEY_BYTES);
	}

	private static Map<String, Integer> columnBytes(List<String> statements) {
		Map<String, Integer> bytes = new HashMap<>();
		for (String sql : statements) {
			Matcher table = CREATE_TABLE.matcher(sql.strip());
			if (table.find()) {
				for (String definition : table.group(2).split(",")) {
					Matcher column = COLUMN.matcher(definition);
					if (column.find()) {
						bytes.put(table.group(1).toUpperCase() + "." + column.group(1).toUpperCase(), bytes(column));
					}
				}
			}
		}
		return bytes;
	}

	private static int bytes(Matcher column) {
		int length = column.group(3) == null ? 0 : Integer.parseInt(column.group(3));
		return switch (column.group(2).toLowerCase()) {
			case "varchar" -> column.group(4) != null ? length : 4 * length;
			case "bigint", "datetime", "float", "double" -> 8;
			case "integer", "int" -> 4;
			case "smallint" -> 2;
			default -> 1;
		};
	}

	private static List<String> initialSchema(DatabasePlatform platform, DriverTypeEnum driver) {
		return StreamSupport.stream(SchemaMigration.tasksFor(platform).spliterator(), false)
				.filter(InitializeSchemaTask.class::isInstance)
				.map(InitializeSchemaTask.class::cast)
				.filter(task -> "HFJ_RESOURCE".equals(task.getSchemaInitializationProvider().getSchemaExistsIndicatorTable()))
				.flatMap(task -> task.getSchemaInitializationProvider().getSqlStatements(driver).stream())
				.toList();
	}
}
