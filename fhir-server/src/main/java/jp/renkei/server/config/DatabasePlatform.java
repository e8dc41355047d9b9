package jp.renkei.server.config;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirMariaDBDialect;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirMySQLDialect;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.hibernate.dialect.Dialect;

/**
 * The database products the server runs on, detected from the JDBC connection so that one
 * {@code mysql} profile serves both MySQL 8 and MariaDB with the right HAPI dialect.
 */
public enum DatabasePlatform {
	H2(HapiFhirH2Dialect.class, DriverTypeEnum.H2_EMBEDDED),
	MYSQL(HapiFhirMySQLDialect.class, DriverTypeEnum.MYSQL_5_7),
	MARIADB(HapiFhirMariaDBDialect.class, DriverTypeEnum.MARIADB_10_1),
	POSTGRESQL(HapiFhirPostgresDialect.class, DriverTypeEnum.POSTGRES_9_4);

	private final Class<? extends Dialect> dialect;
	private final DriverTypeEnum migrationDriver;

	DatabasePlatform(Class<? extends Dialect> dialect, DriverTypeEnum migrationDriver) {
		this.dialect = dialect;
		this.migrationDriver = migrationDriver;
	}

	public Class<? extends Dialect> dialect() {
		return dialect;
	}

	public DriverTypeEnum migrationDriver() {
		return migrationDriver;
	}

	public boolean isMySqlFamily() {
		return this == MYSQL || this == MARIADB;
	}

	/** Detects the platform behind a data source (MariaDB reports itself as MySQL through Connector/J). */
	public static DatabasePlatform detect(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			DatabaseMetaData metaData = connection.getMetaData();
			String product = metaData.getDatabaseProductName().toLowerCase(Locale.ROOT);
			String version = metaData.getDatabaseProductVersion().toLowerCase(Locale.ROOT);
			if (product.contains("h2")) {
				return H2;
			}
			if (product.contains("postgres")) {
				return POSTGRESQL;
			}
			if (product.contains("mariadb") || version.contains("mariadb")) {
				return MARIADB;
			}
			if (product.contains("mysql")) {
				return MYSQL;
			}
			throw new IllegalStateException("Unsupported database: " + metaData.getDatabaseProductName()
					+ " " + metaData.getDatabaseProductVersion());
		} catch (SQLException e) {
			throw new IllegalStateException("Cannot connect to the database: " + e.getMessage(), e);
		}
	}
}
