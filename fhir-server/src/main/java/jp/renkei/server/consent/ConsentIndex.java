package jp.renkei.server.consent;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.IParser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import jp.renkei.server.config.DatabasePlatform;
import jp.renkei.server.config.FhirServerInterceptor;
import jp.renkei.server.storage.ResourcesById;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Consent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every patient's current Consent resources, looked up by patient in one indexed query on every
 * request under consent (HAPI's own search would cost several milliseconds per request).
 *
 * <p>The index is written in the same database transaction as the Consent itself (HAPI's pre-commit
 * storage hooks, joined by {@link JdbcTemplate} through the JPA transaction manager), so a consent
 * and its withdrawal count from the next request on, on every node. When the index does not match the
 * stored Consents at start (a new installation of this feature, a restore), it is rebuilt before the
 * server answers.
 */
@Component
@Interceptor
public class ConsentIndex implements FhirServerInterceptor, SmartInitializingSingleton {

	static final String TABLE = "RENKEI_CONSENT_INDEX";
	private static final Logger LOG = LoggerFactory.getLogger(ConsentIndex.class);
	/** Consents in memory at a time while the index is rebuilt. */
	private static final int REBUILD_CHUNK = 500;

	private final JdbcTemplate jdbc;
	private final FhirContext fhirContext;
	private final ResourcesById resources;
	private final Clock clock = Clock.systemUTC();

	public ConsentIndex(DataSource dataSource, DatabasePlatform platform, FhirContext fhirContext, ResourcesById resources) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.fhirContext = fhirContext;
		this.resources = resources;
		createTableIfAbsent(platform);
	}

	/** The patient's Consent resources (current versions, any status). */
	public List<Consent> forPatient(String patientId) {
		IParser parser = fhirContext.newJsonParser();
		List<Consent> consents = new ArrayList<>();
		jdbc.query("SELECT CONSENT_JSON FROM " + TABLE + " WHERE PATIENT_ID = ?",
				rs -> {
					consents.add(parser.parseResource(Consent.class, rs.getString(1)));
				}, patientId);
		return consents;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		if (resource instanceof Consent consent) {
			put(consent);
		}
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource) {
		if (resource instanceof Consent consent) {
			put(consent);
		}
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
	public void deleted(IBaseResource resource) {
		if (resource instanceof Consent consent) {
			jdbc.update("DELETE FROM " + TABLE + " WHERE CONSENT_ID = ?", consent.getIdElement().getIdPart());
		}
	}

	private void put(Consent consent) {
		String id = consent.getIdElement().getIdPart();
		String json = fhirContext.newJsonParser().encodeResourceToString(consent);
		jdbc.update("DELETE FROM " + TABLE + " WHERE CONSENT_ID = ?", id);
		if (!consent.getPatient().getReferenceElement().hasIdPart()) {
			return;
		}
		jdbc.update("INSERT INTO " + TABLE + " (CONSENT_ID, PATIENT_ID, CONSENT_JSON, UPDATED_AT) VALUES (?, ?, ?, ?)",
				id, consent.getPatient().getReferenceElement().getIdPart(), json, clock.millis());
	}

	@Override
	public void afterSingletonsInstantiated() {
		Long indexed = jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE, Long.class);
		Long stored = jdbc.queryForObject(
				"SELECT COUNT(*) FROM HFJ_RESOURCE WHERE RES_TYPE = 'Consent' AND RES_DELETED_AT IS NULL", Long.class);
		if (indexed != null && indexed.equals(stored)) {
			return;
		}
		LOG.warn("Consent index holds {} consents, the database {}: rebuilding it before the server answers", indexed, stored);
		rebuild();
	}

	/** Re-reads every stored Consent into the index. */
	void rebuild() {
		jdbc.update("DELETE FROM " + TABLE);
		int[] count = {0};
		resources.forEachOfType("Consent", REBUILD_CHUNK, resource -> {
			put((Consent) resource);
			count[0]++;
		});
		LOG.info("Consent index rebuilt with {} consents", count[0]);
	}

	private void createTableIfAbsent(DatabasePlatform platform) {
		try {
			jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE, Long.class);
			return;
		} catch (DataAccessException absent) {
			LOG.info("Creating table {} (consents by patient)", TABLE);
		}
		String json = switch (platform) {
			case MYSQL, MARIADB -> "MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";
			case POSTGRESQL -> "TEXT";
			case H2 -> "CLOB";
		};
		try {
			jdbc.execute("CREATE TABLE " + TABLE + " ("
					+ "CONSENT_ID VARCHAR(64) NOT NULL PRIMARY KEY, "
					+ "PATIENT_ID VARCHAR(64) NOT NULL, "
					+ "CONSENT_JSON " + json + " NOT NULL, "
					+ "UPDATED_AT BIGINT NOT NULL)");
			jdbc.execute("CREATE INDEX IDX_RENKEI_CONSENT_PATIENT ON " + TABLE + " (PATIENT_ID)");
		} catch (DataAccessException e) {
			// Another node created it at the same moment: what matters is that it exists now.
			jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE, Long.class);
		}
	}
}
