package jp.renkei.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point of the regional FHIR server: HAPI FHIR JPA (R4) under {@code /fhir}.
 *
 * <p>Hibernate and the entity manager are configured by {@link jp.renkei.server.config.HapiJpaConfig}
 * (HAPI brings its own entity manager factory), so Spring Boot's JPA auto-configuration is off.
 */
@SpringBootApplication(
		exclude = {
			HibernateJpaAutoConfiguration.class,
			JpaRepositoriesAutoConfiguration.class,
			ElasticsearchRestClientAutoConfiguration.class
		})
@ConfigurationPropertiesScan
public class FhirServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(FhirServerApplication.class, args);
	}
}
