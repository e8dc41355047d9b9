package jp.renkei.server.config;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiFhirLocalContainerEntityManagerFactoryBean;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.entity.StorageSettings;
import ca.uhn.fhir.jpa.search.HapiHSearchAnalysisConfigurers;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import jakarta.persistence.EntityManagerFactory;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.hibernate.cfg.AvailableSettings;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * HAPI FHIR JPA storage for R4: entity manager, schema migration, Lucene full-text indexes and
 * the storage settings we rely on. Only what the platform uses is switched on.
 */
@Configuration
@Import({
	JpaR4Config.class,
	HapiJpaConfig.class,
	ThreadPoolFactoryConfig.class,
	JpaBatch2Config.class,
	Batch2JobsConfig.class,
	// In-process message channels for batch jobs (reindex); one node needs no external broker.
	SubscriptionChannelConfig.class
})
public class JpaStorageConfig {

	@Bean
	public DatabasePlatform databasePlatform(DataSource dataSource) {
		return DatabasePlatform.detect(dataSource);
	}

	@Bean
	public SchemaMigration schemaMigration(DataSource dataSource, DatabasePlatform platform) {
		SchemaMigration migration = new SchemaMigration(dataSource, platform);
		migration.migrate();
		return migration;
	}

	@Bean
	public JpaStorageSettings storageSettings() {
		JpaStorageSettings settings = new JpaStorageSettings();
		// Server-assigned ids are random UUIDs: sequential ids would let one facility count another's records.
		settings.setResourceServerIdStrategy(JpaStorageSettings.IdStrategyEnum.UUID);
		settings.setResourceClientIdStrategy(JpaStorageSettings.ClientIdStrategyEnum.ALPHANUMERIC);
		// References must point at existing resources; no silent placeholders.
		settings.setAutoCreatePlaceholderReferenceTargets(false);
		settings.setEnforceReferentialIntegrityOnWrite(true);
		settings.setEnforceReferentialIntegrityOnDelete(true);
		settings.setAllowMultipleDelete(false);
		settings.setExpungeEnabled(false);
		// Full-text (_content/_text) through Hibernate Search on the local Lucene index.
		settings.setHibernateSearchIndexFullText(true);
		settings.setAdvancedHSearchIndexing(false);
		settings.setHibernateSearchIndexSearchParams(false);
		settings.setIndexMissingFields(StorageSettings.IndexEnabledEnum.DISABLED);
		// No match-URL cache: with it HAPI resolves conditional creates and updates without showing the
		// match to consent (STORAGE_PRESHOW_RESOURCES), so a probe by identifier would reveal a record
		// another facility holds (and the cache is per node).
		settings.setMatchUrlCacheEnabled(false);
		// Conditional create/update races (EHR feeders retry) are de-duplicated by HFJ_RES_SEARCH_URL.
		settings.setUniqueIndexesEnabled(true);
		return settings;
	}

	/** One region, one partition: facilities are told apart by consent and provenance, not by partitions. */
	@Bean
	public PartitionSettings partitionSettings() {
		return new PartitionSettings();
	}

	@Bean
	@Primary
	public LocalContainerEntityManagerFactoryBean entityManagerFactory(
			ConfigurableListableBeanFactory beanFactory,
			DataSource dataSource,
			DatabasePlatform platform,
			SchemaMigration schemaMigration,
			FhirContext fhirContext,
			JpaStorageSettings storageSettings,
			FhirServerProperties properties) {
		LocalContainerEntityManagerFactoryBean factory =
				HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
		factory.setPersistenceUnitName("HAPI_PU");
		factory.setDataSource(dataSource);
		factory.setJpaPropertyMap(hibernateProperties(beanFactory, platform, properties));
		return factory;
	}

	@Bean
	@Primary
	public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
		return new JpaTransactionManager(entityManagerFactory);
	}

	private static Map<String, Object> hibernateProperties(
			ConfigurableListableBeanFactory beanFactory, DatabasePlatform platform, FhirServerProperties properties) {
		Map<String, Object> hibernate = new HashMap<>(
				new HapiFhirLocalContainerEntityManagerFactoryBean(beanFactory).getJpaPropertyMap());
		hibernate.put(AvailableSettings.DIALECT, platform.dialect().getName());
		// The schema belongs to HAPI's migrator (SchemaMigration), never to Hibernate.
		hibernate.put(AvailableSettings.HBM2DDL_AUTO, "none");
		hibernate.put(AvailableSettings.SCANNER, "org.hibernate.boot.archive.scan.internal.DisabledScanner");
		hibernate.put(AvailableSettings.IMPLICIT_NAMING_STRATEGY, SpringImplicitNamingStrategy.class.getName());
		hibernate.put(AvailableSettings.FORMAT_SQL, false);
		hibernate.put(AvailableSettings.SHOW_SQL, false);
		hibernate.put(AvailableSettings.STATEMENT_BATCH_SIZE, 20);
		hibernate.put(AvailableSettings.USE_QUERY_CACHE, false);
		hibernate.put(AvailableSettings.USE_SECOND_LEVEL_CACHE, false);
		hibernate.put(AvailableSettings.USE_MINIMAL_PUTS, false);
		// No statement may pin a worker: the database cancels it after the configured time.
		hibernate.put("jakarta.persistence.query.timeout", properties.search().queryTimeout().toMillis());
		// Hibernate Search on a local Lucene directory under the data directory.
		hibernate.put("hibernate.search.enabled", true);
		hibernate.put("hibernate.search.backend.type", "lucene");
		hibernate.put("hibernate.search.backend.directory.type", "local-filesystem");
		hibernate.put("hibernate.search.backend.directory.root", properties.luceneDirectory().toAbsolutePath().toString());
		hibernate.put("hibernate.search.backend.analysis.configurer",
				HapiHSearchAnalysisConfigurers.HapiLuceneAnalysisConfigurer.class.getName());
		hibernate.put("hibernate.search.backend.lucene_version", "LATEST");
		return hibernate;
	}
}
