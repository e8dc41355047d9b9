package jp.renkei.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.renkei.server.auth.Caller;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

/** A request touching several patients becomes one AuditEvent per patient, each with that patient's resources only. */
class AuditEventPerPatientTest {

	private static final Instant NOW = Instant.parse("2026-12-06T01:02:03Z");
	private static final Caller LOADER = new Caller("region-loader", "region-loader", Optional.empty(), Optional.of("Organization/h1"),
			Optional.empty(), Optional.empty(), Set.of(), Set.of("system/*.cruds"), "jti-1", NOW.plusSeconds(300));

	private final AuditEventMapper mapper = new AuditEventMapper();

	@Test
	void theMapperNamesThePatientEachResourceBelongsTo() {
		AuditEvent event = mapper.toAuditEvent(transaction());

		assertThat(owners(entity(event, "Observation/o1"))).containsExactly("Patient/a");
		assertThat(owners(entity(event, "Observation/o2"))).containsExactly("Patient/b");
		assertThat(owners(entity(event, "Organization/h1"))).isEmpty();
	}

	@Test
	void eachPatientsEventKeepsItsOwnResourcesAndWhatBelongsToNoPatient() {
		List<AuditEvent> parts = AuditMaterializer.perPatient(mapper.toAuditEvent(transaction()), "row-1");

		assertThat(parts).hasSize(2);
		assertThat(parts.get(0).getIdElement().getIdPart()).isEqualTo("row-1");
		assertThat(parts.get(1).getIdElement().getIdPart()).isEqualTo("row-1-2");
		assertThat(named(parts.get(0))).containsExactlyInAnyOrder("Patient/a", "Observation/o1", "Condition/shared", "Organization/h1");
		assertThat(named(parts.get(1))).containsExactlyInAnyOrder("Patient/b", "Observation/o2", "Condition/shared", "Organization/h1");
		// Only the event's own patient by reference; everything else by identifier.
		assertThat(parts.get(0).getEntity().stream().filter(entity -> entity.getWhat().hasReference())
				.map(entity -> entity.getWhat().getReference())).containsExactly("Patient/a");
	}

	@Test
	void withoutOwnersEveryResourceStaysInEveryEvent() {
		AuditedRequest old = transaction();
		AuditedRequest withoutOwners = new AuditedRequest(old.recorded(), old.operation(), null, null, null, old.requestPath(), null,
				old.status(), null, old.caller(), old.remoteAddress(), null, Optional.empty(), null, old.resources(), old.patients());

		List<AuditEvent> parts = AuditMaterializer.perPatient(mapper.toAuditEvent(withoutOwners), "row-2");

		assertThat(named(parts.get(0))).contains("Observation/o1", "Observation/o2");
	}

	@Test
	void anOrganizationAsPerformerOrAuthorIsNoPatient() {
		PatientCompartment compartment = new PatientCompartment(ca.uhn.fhir.context.FhirContext.forR4Cached());
		org.hl7.fhir.r4.model.Observation result = new org.hl7.fhir.r4.model.Observation();
		result.setId("Observation/o1");
		result.setSubject(new org.hl7.fhir.r4.model.Reference("Patient/p1"));
		result.addPerformer(new org.hl7.fhir.r4.model.Reference("Organization/lab-1"));
		org.hl7.fhir.r4.model.DocumentReference letter = new org.hl7.fhir.r4.model.DocumentReference();
		letter.setId("DocumentReference/d1");
		letter.setSubject(new org.hl7.fhir.r4.model.Reference("Patient/p2"));
		letter.addAuthor(new org.hl7.fhir.r4.model.Reference("Organization/hospital-1"));

		assertThat(compartment.patientsOf(result)).containsExactly("Patient/p1");
		assertThat(compartment.patientsOf(letter)).containsExactly("Patient/p2");
	}

	private static AuditedRequest transaction() {
		return new AuditedRequest(NOW, RestOperationTypeEnum.TRANSACTION, null, null, null, "", null, 200, null, Optional.of(LOADER),
				"127.0.0.1", null, Optional.empty(), null,
				List.of("Patient/a", "Observation/o1", "Patient/b", "Observation/o2", "Condition/shared", "Organization/h1"),
				Set.of("Patient/a", "Patient/b"),
				Map.of("Patient/a", Set.of("Patient/a"), "Observation/o1", Set.of("Patient/a"), "Patient/b", Set.of("Patient/b"),
						"Observation/o2", Set.of("Patient/b"), "Condition/shared", Set.of("Patient/a", "Patient/b")));
	}

	private static AuditEvent.AuditEventEntityComponent entity(AuditEvent event, String reference) {
		return event.getEntity().stream().filter(entity -> reference.equals(entity.getWhat().getReference())).findFirst().orElseThrow();
	}

	private static List<String> owners(AuditEvent.AuditEventEntityComponent entity) {
		return entity.getDetail().stream().filter(detail -> AuditEventMapper.OWNER_DETAIL.equals(detail.getType()))
				.map(detail -> ((StringType) detail.getValue()).getValue()).toList();
	}

	/** What each entity names, by reference or (for others than the event's patient) by display. */
	private static List<String> named(AuditEvent event) {
		List<String> named = new ArrayList<>();
		for (AuditEvent.AuditEventEntityComponent entity : event.getEntity()) {
			if (entity.getWhat().hasReference()) {
				named.add(entity.getWhat().getReference());
			} else if (entity.getWhat().hasDisplay()) {
				named.add(entity.getWhat().getDisplay());
			}
		}
		return named;
	}
}
