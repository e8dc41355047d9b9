package jp.renkei.server.summary;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import jp.renkei.server.config.DatabasePlatform;
import jp.renkei.server.config.FhirServerInterceptor;
import jp.renkei.server.storage.ResourcesById;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the emergency summary may show of each patient record, one small row per clinical resource
 * (its type and id, what kind of item it is, its test or item key, its date and status), so that a
 * summary picks the few hundred resources it shows with one indexed query and reads only those.
 *
 * <p>Sorting a record's resources by date in the database (HAPI's {@code _sort} over several patient
 * references) scans the date index of the whole table on H2 and timed out on a region-sized database;
 * this table makes the summary's cost depend on the size of one person's record only. It is written
 * in the same database transaction as the resource (HAPI's pre-commit storage hooks), like the consent
 * index, and rebuilt at start when it does not match the stored resources.
 */
@Component
@Interceptor
public class SummaryIndex implements FhirServerInterceptor, SmartInitializingSingleton {

	static final String TABLE = "RENKEI_SUMMARY_ITEM";
	static final List<String> TYPES = List.of("AllergyIntolerance", "Condition", "MedicationRequest", "Observation", "Procedure",
			"Encounter", "ImagingStudy", "DiagnosticReport", "DocumentReference");
	private static final Logger LOG = LoggerFactory.getLogger(SummaryIndex.class);
	private static final int IN_LIST = 100;
	/** Resources in memory at a time while the index is rebuilt. */
	private static final int REBUILD_CHUNK = 500;

	/** One indexed resource: {@code kind} is one of {@link Kind}'s codes. */
	public record Item(String type, String id, String patientId, Kind kind, String key, String date, String status) {}

	/** What a resource can be in the summary. */
	public enum Kind {
		ALLERGY, CONDITION, MEDICATION, LAB, INFECTION, OBSERVATION, PROCEDURE, ENCOUNTER, IMAGING, REPORT, DOCUMENT;

		static Kind of(Resource resource) {
			if (resource instanceof AllergyIntolerance) {
				return ALLERGY;
			}
			if (resource instanceof Condition) {
				return CONDITION;
			}
			if (resource instanceof MedicationRequest) {
				return MEDICATION;
			}
			if (resource instanceof Observation observation) {
				return SummaryComposer.isInfection(observation) ? INFECTION
						: SummaryComposer.isLaboratory(observation) ? LAB : OBSERVATION;
			}
			if (resource instanceof Procedure) {
				return PROCEDURE;
			}
			if (resource instanceof Encounter) {
				return ENCOUNTER;
			}
			if (resource instanceof ImagingStudy) {
				return IMAGING;
			}
			if (resource instanceof DiagnosticReport) {
				return REPORT;
			}
			return DOCUMENT;
		}
	}

	private final JdbcTemplate jdbc;
	private final ResourcesById resources;

	public SummaryIndex(DataSource dataSource, DatabasePlatform platform, ResourcesById resources) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.resources = resources;
		createTableIfAbsent(platform);
	}

	/** Every indexed item of the given patient records. */
	public List<Item> itemsOf(Collection<String> patientIds) {
		List<Item> items = new ArrayList<>();
		List<String> ids = List.copyOf(patientIds);
		for (int from = 0; from < ids.size(); from += IN_LIST) {
			List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_LIST));
			String marks = chunk.stream().map(id -> "?").collect(Collectors.joining(","));
			jdbc.query("SELECT RES_TYPE, RES_ID, PATIENT_ID, KIND, ITEM_KEY, ITEM_DATE, STATUS FROM " + TABLE
					+ " WHERE PATIENT_ID IN (" + marks + ")", rs -> {
						items.add(new Item(rs.getString(1), rs.getString(2), rs.getString(3), Kind.valueOf(rs.getString(4)),
								rs.getString(5), rs.getString(6), rs.getString(7)));
					}, chunk.toArray());
		}
		return items;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		put(resource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource) {
		put(resource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
	public void deleted(IBaseResource resource) {
		if (TYPES.contains(resource.fhirType())) {
			jdbc.update("DELETE FROM " + TABLE + " WHERE RES_TYPE = ? AND RES_ID = ?", resource.fhirType(),
					resource.getIdElement().getIdPart());
		}
	}

	private void put(IBaseResource resource) {
		if (!TYPES.contains(resource.fhirType()) || !(resource instanceof Resource clinical)) {
			return;
		}
		String id = clinical.getIdElement().getIdPart();
		jdbc.update("DELETE FROM " + TABLE + " WHERE RES_TYPE = ? AND RES_ID = ?", clinical.fhirType(), id);
		Kind kind = Kind.of(clinical);
		jdbc.update("INSERT INTO " + TABLE + " (RES_TYPE, RES_ID, PATIENT_ID, KIND, ITEM_KEY, ITEM_DATE, STATUS) VALUES (?, ?, ?, ?, ?, ?, ?)",
				clinical.fhirType(), id, patientOf(clinical), kind.name(),
				kind == Kind.LAB || kind == Kind.INFECTION ? truncate(SummaryComposer.testKey((Observation) clinical), 200) : null,
				truncate(SummaryComposer.date(clinical).orElse(null), 40), truncate(status(clinical), 32));
	}

	/** The patient record a clinical resource belongs to ({@code subject} or {@code patient}), or empty. */
	private static String patientOf(Resource resource) {
		Reference reference = null;
		if (resource instanceof AllergyIntolerance allergy) {
			reference = allergy.getPatient();
		} else if (resource instanceof Condition condition) {
			reference = condition.getSubject();
		} else if (resource instanceof MedicationRequest medication) {
			reference = medication.getSubject();
		} else if (resource instanceof Observation observation) {
			reference = observation.getSubject();
		} else if (resource instanceof Procedure procedure) {
			reference = procedure.getSubject();
		} else if (resource instanceof Encounter encounter) {
			reference = encounter.getSubject();
		} else if (resource instanceof ImagingStudy study) {
			reference = study.getSubject();
		} else if (resource instanceof DiagnosticReport report) {
			reference = report.getSubject();
		} else if (resource instanceof DocumentReference document) {
			reference = document.getSubject();
		}
		if (reference == null || !"Patient".equals(reference.getReferenceElement().getResourceType())
				|| !reference.getReferenceElement().hasIdPart()) {
			return "";
		}
		return reference.getReferenceElement().getIdPart();
	}

	private static String status(Resource resource) {
		if (resource instanceof MedicationRequest medication && medication.hasStatus()) {
			return medication.getStatus().toCode();
		}
		if (resource instanceof DocumentReference document && document.hasStatus()) {
			return document.getStatus().toCode();
		}
		return null;
	}

	private static String truncate(String value, int length) {
		return value == null || value.length() <= length ? value : value.substring(0, length);
	}

	@Override
	public void afterSingletonsInstantiated() {
		Long indexed = jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE, Long.class);
		String types = TYPES.stream().map(t -> "'" + t + "'").collect(Collectors.joining(","));
		Long stored = jdbc.queryForObject("SELECT COUNT(*) FROM HFJ_RESOURCE WHERE RES_TYPE IN (" + types
				+ ") AND RES_DELETED_AT IS NULL", Long.class);
		if (indexed != null && indexed.equals(stored)) {
			return;
		}
		LOG.warn("Summary index holds {} items, the database {} clinical resources: rebuilding it before the server answers",
				indexed, stored);
		jdbc.update("DELETE FROM " + TABLE);
		int count = 0;
		for (String type : TYPES) {
			int[] counted = {0};
			resources.forEachOfType(type, REBUILD_CHUNK, resource -> {
				put(resource);
				counted[0]++;
			});
			count += counted[0];
		}
		LOG.info("Summary index rebuilt with {} items", count);
	}

	private void createTableIfAbsent(DatabasePlatform platform) {
		try {
			jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE, Long.class);
			return;
		} catch (DataAccessException absent) {
			LOG.info("Creating table {} (what the emergency summary may show, by patient)", TABLE);
		}
		String text = platform.isMySqlFamily() ? " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin" : "";
		try {
			jdbc.execute("CREATE TABLE " + TABLE + " ("
					+ "RES_TYPE VARCHAR(40)" + text + " NOT NULL, "
					+ "RES_ID VARCHAR(100)" + text + " NOT NULL, "
					+ "PATIENT_ID VARCHAR(100)" + text + " NOT NULL, "
					+ "KIND VARCHAR(16)" + text + " NOT NULL, "
					+ "ITEM_KEY VARCHAR(200)" + text + ", "
					+ "ITEM_DATE VARCHAR(40)" + text + ", "
					+ "STATUS VARCHAR(32)" + text + ", "
					+ "PRIMARY KEY (RES_TYPE, RES_ID))");
			jdbc.execute("CREATE INDEX IDX_RENKEI_SUMMARY_PATIENT ON " + TABLE + " (PATIENT_ID)");
		} catch (DataAccessException e) {
			// Another node created it at the same moment: what matters is that it exists now.
			jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE, Long.class);
		}
	}

	/** The ids of {@code items} by resource type. */
	static Map<String, List<String>> idsByType(Collection<Item> items) {
		return items.stream().collect(Collectors.groupingBy(Item::type, java.util.LinkedHashMap::new,
				Collectors.mapping(Item::id, Collectors.toList())));
	}
}
