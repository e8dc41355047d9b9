package jp.renkei.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import jp.renkei.server.AbstractServerIT;
import jp.renkei.server.JpCoreExamples;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/** {@link ResourcesById} against the real database: the right resources, nothing deleted or of another type. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResourcesByIdIT extends AbstractServerIT {

	@Autowired
	ResourcesById resources;
	@Autowired
	DataSource dataSource;

	private final String run = UUID.randomUUID().toString().substring(0, 8);
	private final String organization = "jp-organization-example-hospital";
	private final String patient = "jp-patient-example-1";
	private String kept;
	private String deleted;

	@BeforeAll
	void store() {
		client().transaction().withBundle(JpCoreExamples.asTransaction()).execute();
		kept = copyOfExampleObservation();
		deleted = copyOfExampleObservation();
		client().delete().resourceById(new IdType("Observation", deleted)).execute();
	}

	/** A new Observation with a server-assigned (UUID) id. */
	private String copyOfExampleObservation() {
		Observation observation = client().read().resource(Observation.class).withId("jp-observation-labresult-example-1").execute().copy();
		observation.setId((String) null);
		observation.getMeta().setVersionId(null).setLastUpdated(null);
		return client().create().resource(observation).execute().getId().getIdPart();
	}

	@Test
	void readsTheResourcesOfTheTypeByClientAndServerAssignedIds() {
		assertThat(ids(resources.read("Patient", List.of(patient, "rbi-unknown-" + run)))).containsExactly(patient);
		assertThat(ids(resources.read("Observation", List.of(kept, kept)))).containsExactly(kept);
		Patient read = (Patient) resources.read("Patient", List.of(patient)).get(0);
		assertThat(read.getNameFirstRep().getFamily()).isEqualTo(
				client().read().resource(Patient.class).withId(patient).execute().getNameFirstRep().getFamily());
	}

	@Test
	void leavesOutDeletedResourcesAndIdsOfAnotherType() {
		assertThat(resources.read("Observation", List.of(deleted))).isEmpty();
		assertThat(resources.read("Patient", List.of(organization, kept))).isEmpty();
		assertThat(resources.read("Patient", List.of())).isEmpty();
	}

	@Test
	void readsMoreIdsThanOneStatementTakes() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < ResourcesById.CHUNK + 20; i++) {
			ids.add("rbi-missing-" + i + "-" + run);
		}
		ids.add(ResourcesById.CHUNK + 5, kept);
		assertThat(ids(resources.read("Observation", ids))).containsExactly(kept);
	}

	@Test
	void visitsEveryCurrentResourceOfATypeAPageAtATime() {
		List<String> visited = new ArrayList<>();
		resources.forEachOfType("Observation", 2, resource -> visited.add(resource.getIdElement().getIdPart()));

		assertThat(visited).contains(kept).doesNotContain(deleted).doesNotHaveDuplicates();
		assertThat(visited).hasSameSizeAs(resources.idsOfType("Observation"));
		assertThat(resources.idsOfType("Observation")).contains(kept).doesNotContain(deleted);
		List<String> patients = new ArrayList<>();
		resources.forEachOfType("Patient", 500, resource -> patients.add(resource.getIdElement().getIdPart()));
		assertThat(patients).contains(patient).doesNotContain(kept);
	}

	/** The point of the class: on H2 the ids are found through the index of FHIR_ID, not by walking a whole type. */
	@Test
	void resolvesIdsThroughTheIndexOfTheFhirIdOnH2() throws Exception {
		try (Connection connection = dataSource.getConnection()) {
			if (!connection.getMetaData().getDatabaseProductName().equals("H2")) {
				return;
			}
			try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + ResourcesById.resolving(3))) {
				for (int i = 1; i <= 3; i++) {
					explain.setString(i, i == 1 ? kept : "x" + i);
				}
				try (ResultSet plan = explain.executeQuery()) {
					plan.next();
					assertThat(plan.getString(1)).contains("IDX_RES_FHIR_ID: FHIR_ID IN");
				}
			}
		}
	}

	private static List<String> ids(List<IBaseResource> found) {
		List<String> ids = new ArrayList<>();
		found.forEach(resource -> ids.add(resource.getIdElement().getIdPart()));
		Collections.sort(ids);
		return ids;
	}
}
