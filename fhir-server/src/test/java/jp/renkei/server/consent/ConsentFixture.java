package jp.renkei.server.consent;

import ca.uhn.fhir.context.FhirContext;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import jp.renkei.server.AbstractServerIT;
import jp.renkei.server.JpCoreExamples;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A small region for consent tests, with ids unique to the run: facilities A, B and C; patient P
 * registered at A (with observations and a Consent obtained at A), patient Q registered at B, and
 * an observation B recorded on P's record (B's own resource referencing P).
 */
final class ConsentFixture {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final String IDENTIFIER_SYSTEM_A = "urn:oid:1.2.392.100495.20.3.51.1.9999999901";

	final String run = UUID.randomUUID().toString().substring(0, 8);
	final String orgA = "cons-org-a-" + run;
	final String orgB = "cons-org-b-" + run;
	final String orgC = "cons-org-c-" + run;
	final String patientP = "cons-p-" + run;
	final String patientQ = "cons-q-" + run;
	final String patientR = "cons-r-" + run;
	final String obsP1 = "cons-obs-p1-" + run;
	final String obsP2 = "cons-obs-p2-" + run;
	final String obsP3 = "cons-obs-p3-" + run;
	final String obsQ = "cons-obs-q-" + run;
	final String obsBonP = "cons-obs-b-on-p-" + run;
	final String consentP = "cons-consent-p-" + run;
	/** P's identifier value at facility A (system {@link #IDENTIFIER_SYSTEM_A}). */
	final String identifierP = "P-" + run;
	/** A name only P has, for full-text probes. */
	final String familyP = "秘匿" + run.replaceAll("[^a-f]", "").toUpperCase();

	/** Everything only A (and facilities P permits) may see. */
	List<String> protectedIdsOfP() {
		return List.of(patientP, obsP1, obsP2, obsP3, consentP, identifierP);
	}

	Bundle organizations() {
		return transaction(List.of(organization(orgA, "連携テスト病院A"), organization(orgB, "連携テスト医院B"),
				organization(orgC, "連携テスト医院C")));
	}

	Organization organization(String id, String name) {
		Organization organization = (Organization) example("Organization-jp-organization-example-hospital.json");
		organization.setId(id);
		organization.setName(name);
		return organization;
	}

	Patient patient(String id, String organization, String identifierSystem, String identifierValue, String family) {
		Patient patient = (Patient) example("Patient-jp-patient-example-1.json");
		patient.setId(id);
		patient.getIdentifierFirstRep().setSystem(identifierSystem).setValue(identifierValue);
		patient.getName().forEach(name -> name.setFamily(family));
		patient.setManagingOrganization(new Reference("Organization/" + organization));
		return patient;
	}

	Observation vital(String id, String patient) {
		Observation observation = (Observation) example("Observation-jp-observation-vitalsigns-example-1.json");
		observation.setId(id);
		observation.setEncounter(null);
		observation.getPerformer().clear();
		observation.setSubject(new Reference("Patient/" + patient));
		return observation;
	}

	/** A consent of P obtained at A: {@code type} for the listed facilities (none: every facility). */
	Consent consent(String id, String patient, String obtainedBy, Consent.ConsentProvisionType type, Date dateTime,
			String policy, String... facilities) {
		Consent consent = new Consent();
		consent.setId(id);
		consent.setStatus(Consent.ConsentState.ACTIVE);
		consent.setScope(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", null)));
		consent.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", null)));
		consent.setPatient(new Reference("Patient/" + patient));
		consent.setDateTime(dateTime);
		consent.addOrganization(new Reference("Organization/" + obtainedBy));
		consent.setPolicyRule(new CodeableConcept(new Coding(RegionConsentPolicy.SYSTEM, policy, null)));
		consent.getProvision().setType(type);
		for (String facility : facilities) {
			consent.getProvision().addActor()
					.setRole(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", null)))
					.setReference(new Reference("Organization/" + facility));
		}
		return consent;
	}

	static Bundle transaction(List<? extends Resource> resources) {
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (Resource resource : resources) {
			transaction.addEntry().setResource(resource).getRequest()
					.setMethod(Bundle.HTTPVerb.PUT).setUrl(resource.fhirType() + "/" + resource.getIdPart());
		}
		return transaction;
	}

	private static Resource example(String file) {
		return JpCoreExamples.parse(AbstractServerIT.fhirPackages().resolve("jp-core-examples").resolve(file));
	}
}
