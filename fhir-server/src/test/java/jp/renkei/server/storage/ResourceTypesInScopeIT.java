package jp.renkei.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import jp.renkei.server.AbstractServerIT;
import jp.renkei.server.JpCoreExamples;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every resource type in the platform's scope can be stored, read back and searched. JP Core types
 * come from JP Core's own examples; the others (no JP Core profile) are built here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResourceTypesInScopeIT extends AbstractServerIT {

	private static final String PATIENT = "Patient/jp-patient-example-1";
	private final Map<String, String> stored = new LinkedHashMap<>();

	@BeforeAll
	void storeOneOfEachType() {
		client().transaction().withBundle(JpCoreExamples.asTransaction()).execute();
		String marker = UUID.randomUUID().toString();
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (Resource resource : nonJpCoreResources(marker).values()) {
			transaction.addEntry().setResource(resource).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl(resource.fhirType());
		}
		Bundle response = client().transaction().withBundle(transaction).execute();
		for (Bundle.BundleEntryComponent entry : response.getEntry()) {
			String location = entry.getResponse().getLocation();
			stored.put(location.substring(0, location.indexOf('/')), location.substring(0, location.indexOf("/_history")));
		}
		for (String example : new String[] {
				"Patient/jp-patient-example-1", "ImagingStudy/jp-imagingstudy-radiology-example-1",
				"Encounter/jp-encounter-example-1", "Location/jp-location-example-ward",
				"Organization/jp-organization-example-hospital", "Practitioner/jp-practitioner-example-female-1",
				"PractitionerRole/jp-practitionerrole-example-1", "Condition/jp-condition-example-1",
				"AllergyIntolerance/jp-allergyintolerance-example-1", "MedicationRequest/jp-medicationrequest-example-1",
				"MedicationStatement/jp-medicationstatement-example-1", "Observation/jp-observation-labresult-example-1",
				"Procedure/jp-procedure-example-1", "Endpoint/endpoint-dicom-wadors-example"}) {
			stored.put(example.substring(0, example.indexOf('/')), example);
		}
	}

	@Test
	void everyTypeInScopeIsStoredAndReadBack() {
		assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(jp.renkei.server.CapabilityStatementIT.typesInScope()
				.stream().filter(type -> !type.equals("AuditEvent")).toList());
		for (String reference : stored.values()) {
			assertThat(get("/" + reference).statusCode()).as(reference).isEqualTo(200);
		}
	}

	@Test
	void everyTypeInScopeIsSearchable() {
		for (Map.Entry<String, String> entry : stored.entrySet()) {
			String id = entry.getValue().substring(entry.getValue().indexOf('/') + 1);
			Bundle found = client().search().byUrl(entry.getKey() + "?_id=" + id).returnBundle(Bundle.class).execute();
			assertThat(found.getEntry()).as(entry.getKey()).hasSize(1);
		}
	}

	@Test
	void binaryKeepsItsBytes() {
		byte[] content = get("/" + stored.get("Binary")).body().getBytes(StandardCharsets.UTF_8);
		assertThat(new String(content, StandardCharsets.UTF_8)).contains("紹介状");
	}

	private static Map<String, Resource> nonJpCoreResources(String marker) {
		Map<String, Resource> resources = new LinkedHashMap<>();
		Consent consent = new Consent();
		consent.setStatus(Consent.ConsentState.ACTIVE)
				.setScope(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", null)))
				.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", null)))
				.setPatient(new Reference(PATIENT))
				.setDateTimeElement(new DateTimeType("2026-11-01T09:00:00+09:00"))
				.addPolicy().setUri("http://renkei.example.jp/fhir/policy/opt-in-per-facility");
		consent.addIdentifier().setSystem("urn:renkei:test").setValue(marker);
		resources.put("Consent", consent);

		DocumentReference document = new DocumentReference();
		document.setStatus(Enumerations.DocumentReferenceStatus.CURRENT)
				.setType(new CodeableConcept(new Coding("http://loinc.org", "18842-5", "Discharge summary")))
				.setSubject(new Reference(PATIENT));
		document.addContent().getAttachment().setContentType("text/plain; charset=utf-8")
				.setData("退院時要約：急性心筋梗塞".getBytes(StandardCharsets.UTF_8));
		resources.put("DocumentReference", document);

		// AuditEvent is in scope too, but only the server writes it (audit package; AuditTrailIT).

		Task task = new Task();
		task.setStatus(Task.TaskStatus.REQUESTED).setIntent(Task.TaskIntent.ORDER).setFor(new Reference(PATIENT))
				.setDescription("紹介状の返書を作成する");
		resources.put("Task", task);

		ServiceRequest request = new ServiceRequest();
		request.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE).setIntent(ServiceRequest.ServiceRequestIntent.ORDER)
				.setSubject(new Reference(PATIENT))
				.setCode(new CodeableConcept().setText("心臓カテーテル検査の依頼"));
		resources.put("ServiceRequest", request);

		Binary binary = new Binary();
		binary.setContentType("text/plain; charset=utf-8").setData("紹介状 本文".getBytes(StandardCharsets.UTF_8));
		resources.put("Binary", binary);

		Composition composition = new Composition();
		composition.setStatus(Composition.CompositionStatus.FINAL)
				.setType(new CodeableConcept(new Coding("http://loinc.org", "57133-1", "Referral note")))
				.setSubject(new Reference(PATIENT))
				.setDateElement(new DateTimeType("2026-11-01T09:00:00+09:00"))
				.setTitle("診療情報提供書")
				.addAuthor(new Reference("Practitioner/jp-practitioner-example-female-1"));
		resources.put("Composition", composition);
		return resources;
	}
}
