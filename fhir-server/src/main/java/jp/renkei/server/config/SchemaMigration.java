package jp.renkei.server.config;

import ca.uhn.fhir.jpa.migrate.HapiMigrator;
import ca.uhn.fhir.jpa.migrate.MigrationResult;
import ca.uhn.fhir.jpa.migrate.MigrationTaskList;
import ca.uhn.fhir.jpa.migrate.taskdef.BaseTask;
import ca.uhn.fhir.jpa.migrate.taskdef.InitializeSchemaTask;
import ca.uhn.fhir.jpa.migrate.tasks.HapiFhirJpaMigrationTasks;
import ca.uhn.fhir.util.VersionEnum;
import java.util.Collections;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates or upgrades the HAPI FHIR schema on start with HAPI's own migrator, so an empty database
 * gets the schema of this HAPI version and an older one is migrated step by step.
 *
 * <p>On MySQL and MariaDB the initial DDL is adjusted by {@link MySqlUtf8mb4Schema} so that it
 * can be created under {@code utf8mb4} (needed for 4-byte kanji such as 𠮷).
 */
public final class SchemaMigration {

	private static final Logger log = LoggerFactory.getLogger(SchemaMigration.class);
	static final String MIGRATION_TABLE = "FLY_HFJ_MIGRATION";

	private final DataSource dataSource;
	private final DatabasePlatform platform;

	public SchemaMigration(DataSource dataSource, DatabasePlatform platform) {
		this.dataSource = dataSource;
		this.platform = platform;
	}

	/** Runs every pending migration task; fails the start-up when one fails. */
	public MigrationResult migrate() {
		long start = System.currentTimeMillis();
		HapiMigrator migrator = new HapiMigrator(MIGRATION_TABLE, dataSource, platform.migrationDriver());
		migrator.createMigrationTableIfRequired();
		migrator.addTasks(tasksFor(platform));
		MigrationResult result = migrator.migrate();
		log.info("Database schema ({}) is current: {} migration task(s) run in {} ms",
				platform, result.succeededTasks.size(), System.currentTimeMillis() - start);
		if (!result.failedTasks.isEmpty()) {
			throw new IllegalStateException("Schema migration failed: " + result.failedTasks);
		}
		return result;
	}

	static MigrationTaskList tasksFor(DatabasePlatform platform) {
		MigrationTaskList hapiTasks =
				new HapiFhirJpaMigrationTasks(Collections.emptySet()).getAllTasks(VersionEnum.values());
		if (!platform.isMySqlFamily()) {
			return hapiTasks;
		}
		MigrationTaskList adjusted = new MigrationTaskList();
		for (BaseTask task : hapiTasks) {
			adjusted.add(task instanceof InitializeSchemaTask init ? MySqlUtf8mb4Schema.adjust(init, platform) : task);
		}
		return adjusted;
	}
}
