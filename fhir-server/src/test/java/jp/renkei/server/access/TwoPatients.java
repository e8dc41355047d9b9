package jp.renkei.server.access;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.List;
import java.util.UUID;
import jp.renkei.server.AbstractServerIT;
import jp.renkei.server.JpCoreExamples;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Specimen;

/**
 * Two patients, A and B, each with a laboratory result (and its specimen), a vital sign and an encounter, stored with
 * ids unique to this run on top of the JP Core examples (the practitioners and organizations they
 * reference). Built from JP Core's own examples so every resource passes profile validation.
 */
final class TwoPatients {

	static final String HOSPITAL = "Organization/jp-organization-example-hospital";

	final String run = UUID.randomUUID().toString().substring(0, 8);
	final String patientA = "acc-a-" + run;
	final String patientB = "acc-b-" + run;
	final String labA = "acc-lab-a-" + run;
	final String vitalA = "acc-vital-a-" + run;
	final String encounterA = "acc-enc-a-" + run;
	final String labB = "acc-lab-b-" + run;
	final String vitalB = "acc-vital-b-" + run;
	final String encounterB = "acc-enc-b-" + run;
	final String specimenA = "acc-spec-a-" + run;
	final String specimenB = "acc-spec-b-" + run;

	/** Stores the JP Core examples (idempotent) and the two patients' records. */
	TwoPatients store(IGenericClient client) {
		client.transaction().withBundle(JpCoreExamples.asTransaction()).execute();
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (Resource resource : List.of(
				patient(patientA), patient(patientB), specimen(specimenA, patientA), specimen(specimenB, patientB),
				lab(labA, patientA), vital(vitalA, patientA), encounter(encounterA, patientA),
				lab(labB, patientB), vital(vitalB, patientB), encounter(encounterB, patientB))) {
			transaction.addEntry().setResource(resource).getRequest()
					.setMethod(Bundle.HTTPVerb.PUT).setUrl(resource.fhirType() + "/" + resource.getIdPart());
		}
		client.transaction().withBundle(transaction).execute();
		return this;
	}

	/** Every id of B's record: none of them may appear in an answer to A. */
	List<String> idsOfB() {
		return List.of(patientB, labB, vitalB, encounterB, specimenB);
	}

	Patient patient(String id) {
		Patient patient = (Patient) example("Patient-jp-patient-example-1.json");
		patient.setId(id);
		patient.getIdentifierFirstRep().setValue(id);
		patient.setManagingOrganization(new Reference(HOSPITAL));
		return patient;
	}

	Observation lab(String id, String patient) {
		Observation observation = (Observation) example("Observation-jp-observation-labresult-example-1.json");
		observation.setId(id);
		observation.getContained().clear();
		observation.getBasedOn().clear();
		observation.setSpecimen(new Reference("Specimen/" + (patient.equals(patientA) ? specimenA : specimenB)));
		observation.setSubject(new Reference("Patient/" + patient));
		return observation;
	}

	Specimen specimen(String id, String patient) {
		Specimen specimen = new Specimen();
		specimen.setId(id);
		specimen.setSubject(new Reference("Patient/" + patient));
		specimen.getType().setText("血清");
		return specimen;
	}

	Observation vital(String id, String patient) {
		Observation observation = (Observation) example("Observation-jp-observation-vitalsigns-example-1.json");
		observation.setId(id);
		observation.setEncounter(null);
		observation.setSubject(new Reference("Patient/" + patient));
		return observation;
	}

	Encounter encounter(String id, String patient) {
		Encounter encounter = (Encounter) example("Encounter-jp-encounter-example-1.json");
		encounter.setId(id);
		encounter.setSubject(new Reference("Patient/" + patient));
		return encounter;
	}

	private static Resource example(String file) {
		return JpCoreExamples.parse(AbstractServerIT.fhirPackages().resolve("jp-core-examples").resolve(file));
	}
}
