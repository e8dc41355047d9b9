package jp.renkei.server.consent;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** Whose record a resource is: the same patients as HAPI's own (slower) compartment-owner walk. */
class PatientDataTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private final PatientData patientData = new PatientData(FHIR, null);

	@Test
	void ownersAreThePatientsOfThePatientCompartment() {
		Observation observation = new Observation();
		observation.setSubject(new Reference("Patient/p1"));
		observation.addPerformer(new Reference("Patient/p2"));
		observation.addPerformer(new Reference("Practitioner/d1"));
		AllergyIntolerance allergy = new AllergyIntolerance();
		allergy.setPatient(new Reference("Patient/p3"));
		allergy.setAsserter(new Reference("Patient/p4"));
		Condition condition = new Condition();
		condition.setSubject(new Reference("Patient/p5"));
		Encounter encounter = new Encounter();
		encounter.setSubject(new Reference("Patient/p6"));
		MedicationRequest prescription = new MedicationRequest();
		prescription.setSubject(new Reference("Patient/p7"));
		DocumentReference document = new DocumentReference();
		document.setSubject(new Reference("Patient/p8"));
		document.addAuthor(new Reference("Organization/o1"));
		ImagingStudy study = new ImagingStudy();
		study.setSubject(new Reference("Patient/p9"));
		Consent consent = new Consent();
		consent.setPatient(new Reference("Patient/p10"));
		Procedure procedure = new Procedure();
		procedure.setSubject(new Reference("Group/g1"));
		AuditEvent audit = new AuditEvent();
		audit.addEntity().setWhat(new Reference("Patient/p11"));
		audit.addEntity().setWhat(new Reference("Observation/o1"));

		for (IBaseResource resource : List.of(observation, allergy, condition, encounter, prescription, document, study,
				consent, procedure, audit)) {
			Set<String> hapi = FHIR.newTerser().getCompartmentOwnersForResource("Patient", resource, Set.<String>of()).stream()
					.filter(id -> "Patient".equals(id.getResourceType())).map(id -> id.getIdPart()).collect(Collectors.toSet());
			assertThat(patientData.owners(resource, null)).as(resource.fhirType()).containsExactlyInAnyOrderElementsOf(hapi);
		}
		assertThat(patientData.owners(observation, null)).containsExactlyInAnyOrder("p1", "p2");
		assertThat(patientData.owners(procedure, null)).isEmpty();
	}

	@Test
	void sharedResourcesHaveNoOwner() {
		assertThat(patientData.isPatientDataType("Organization")).isFalse();
		assertThat(patientData.owners(new Organization(), null)).isEmpty();
		assertThat(patientData.isPatientDataType("Observation")).isTrue();
	}
}
