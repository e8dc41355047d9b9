package jp.renkei.server.request;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jp.renkei.server.AbstractServerIT;
import jp.renkei.server.config.FhirServerProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The database cancels a statement after {@code renkei.server.search.query-timeout}. HAPI runs its
 * search SQL as native queries of the shared entity manager factory, so the timeout must be on
 * every such query, not just configured.
 */
class QueryTimeoutIT extends AbstractServerIT {

	@Autowired
	private EntityManagerFactory entityManagerFactory;

	@Autowired
	private FhirServerProperties properties;

	@Test
	void nativeQueriesLikeHapisSearchCarryTheConfiguredTimeout() {
		EntityManager entityManager = entityManagerFactory.createEntityManager();
		try {
			org.hibernate.query.Query<?> query =
					entityManager.createNativeQuery("select 1").unwrap(org.hibernate.query.Query.class);

			assertThat(query.getTimeout()).isEqualTo((int) properties.search().queryTimeout().toSeconds());
		} finally {
			entityManager.close();
		}
	}
}
