package jp.renkei.server.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import jp.renkei.server.JpCoreExamples;
import jp.renkei.server.access.AbstractAccessIT;
import jp.renkei.server.consent.RegionConsentPolicy;
import jp.renkei.server.emergency.EmergencyAccessInterceptor;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code Patient/{id}/$summary} over real HTTP with real tokens: one person with records at hospital A
 * and clinic B (linked by the regional identity), a doctor of A, an ER doctor of C.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SummaryOperationIT extends AbstractAccessIT {

	private static final String REASON = "救急搬送、意識障害のため既往歴とアレルギーを確認";
	private static final String WHEAT = "こむぎこ";
	private static final String PENICILLIN = "ペニシリン系抗菌薬";
	private static final String KIWI = "キウイフルーツ（診療所記録）";
	private static final Coding HIV = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "HIV", "HIV/AIDS information sensitivity");

	@org.springframework.beans.factory.annotation.Autowired
	javax.sql.DataSource dataSource;
	@org.springframework.beans.factory.annotation.Autowired
	SummaryIndex summaryIndex;
	@org.springframework.beans.factory.annotation.Autowired
	jp.renkei.server.consent.ConsentIndex consentIndex;

	private final String run = UUID.randomUUID().toString().substring(0, 8);
	private final String orgA = "sum-org-a-" + run;
	private final String orgB = "sum-org-b-" + run;
	private final String orgC = "sum-org-c-" + run;
	private final String atA = "sum-pat-a-" + run;
	private final String atB = "sum-pat-b-" + run;
	private final String manyLabs = "sum-pat-labs-" + run;
	private String facilityA;
	private String facilityB;
	private String doctorA;
	private String erDoctorC;

	@BeforeAll
	void storeRegion() {
		client().transaction().withBundle(JpCoreExamples.asTransaction()).execute();
		put(organization(orgA, "サマリー試験病院A"), organization(orgB, "サマリー試験診療所B"), organization(orgC, "サマリー救急病院C"));
		facilityA = tokens().facility("sum-system-a", "Organization/" + orgA, "system/*.cruds");
		facilityB = tokens().facility("sum-system-b", "Organization/" + orgB, "system/*.cruds");
		doctorA = tokens().user("sum-doctor-a-" + run, "Practitioner/jp-practitioner-example-male-1", "Organization/" + orgA,
				List.of(), "user/*.rs");
		erDoctorC = tokens().user("sum-er-doctor-" + run, "Practitioner/jp-practitioner-example-male-1", "Organization/" + orgC,
				List.of("emergency"), "user/*.rs");

		// The same person at A and at B (same names, birth date, sex, phone): the region links the records.
		store(facilityA, person(atA, orgA, "A-" + run), allergy("sum-al-a1-" + run, atA, WHEAT, "food", "2022-08-03"),
				allergy("sum-al-a2-" + run, atA, PENICILLIN, "medication", "2020-01-10"));
		store(facilityB, person(atB, orgB, "B-" + run), allergy("sum-al-b1-" + run, atB, WHEAT, "food", "2024-05-01"),
				allergy("sum-al-b2-" + run, atB, KIWI, "food", "2023-03-03"), imaging("sum-img-b-" + run, atB));
		// Seven results of one test at B, the newest labelled HIV-related.
		List<Resource> sensitive = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			Observation result = lab("sum-hiv-lab-" + run + "-" + i, atB, 9, 1000 + i);
			if (i == 6) {
				result.getMeta().addSecurity(HIV);
			}
			sensitive.add(result);
		}
		store(facilityB, sensitive.toArray(Resource[]::new));
		// The patient of B consents to sharing with A, except what is labelled HIV-related.
		Consent shared = consent("sum-consent-" + run, atB, orgB, orgA);
		shared.getProvision().addProvision().setType(Consent.ConsentProvisionType.DENY).addSecurityLabel(HIV);
		store(facilityB, shared);

		// A patient with hundreds of lab results of three tests.
		List<Resource> labs = new ArrayList<>();
		Patient other = person(manyLabs, orgA, "L-" + run);
		other.getName().forEach(name -> name.setText(name.getText() + "ラボ").setFamily(name.getFamily() + "ラボ"));
		labs.add(other);
		for (int i = 0; i < 450; i++) {
			labs.add(lab("sum-lab-" + run + "-" + i, manyLabs, i % 3, i));
		}
		store(facilityA, labs.toArray(Resource[]::new));
	}

	@Test
	void theDoctorOfASeesTheMergedRecordWithFacilitiesAndDuplicatesCollapsed() {
		Bundle document = summary(doctorA, atA);
		assertThat(document.getType()).isEqualTo(Bundle.BundleType.DOCUMENT);
		Composition composition = (Composition) document.getEntryFirstRep().getResource();
		assertThat(composition.getSubject().getReference()).isEqualTo("Patient/" + atA);
		assertThat(sectionCodes(composition)).startsWith("allergies", "contraindications", "infections", "problems", "medications",
				"labs", "procedures", "encounters", "imaging", "documents");

		List<AllergyIntolerance> allergies = entries(document, composition, "allergies", AllergyIntolerance.class);
		assertThat(allergies).extracting(a -> a.getCode().getText()).containsExactlyInAnyOrder(WHEAT, KIWI);
		AllergyIntolerance wheat = allergies.stream().filter(a -> a.getCode().getText().equals(WHEAT)).findFirst().orElseThrow();
		// B's record of the same allergy is newer: it is kept, and A is named as also recording it.
		assertThat(holder(wheat)).isEqualTo(orgB);
		assertThat(wheat.getExtensionsByUrl(SummaryComposer.ALSO_RECORDED_BY)).extracting(e -> ((Reference) e.getValue()).getReference())
				.containsExactly("Organization/" + orgA);
		List<AllergyIntolerance> drugs = entries(document, composition, "contraindications", AllergyIntolerance.class);
		assertThat(drugs).extracting(a -> a.getCode().getText()).containsExactly(PENICILLIN);
		assertThat(holder(drugs.get(0))).isEqualTo(orgA);
		assertThat(document.getEntry()).extracting(Bundle.BundleEntryComponent::getResource).filteredOn(Organization.class::isInstance)
				.extracting(r -> ((Organization) r).getName()).contains("サマリー試験病院A", "サマリー試験診療所B");
		List<ImagingStudy> studies = entries(document, composition, "imaging", ImagingStudy.class);
		assertThat(studies).extracting(ImagingStudy::getIdPart).containsExactly("sum-img-b-" + run);
		assertThat(document.getEntry()).extracting(Bundle.BundleEntryComponent::getResource).filteredOn(Endpoint.class::isInstance)
				.extracting(r -> ((Endpoint) r).getAddress()).containsExactly("http://abc-hospital.local/wado-rs");
		Composition.SectionComponent empty = section(composition, "infections");
		assertThat(empty.getEntry()).isEmpty();
		assertThat(empty.getEmptyReason().getCodingFirstRep().getCode()).isEqualTo("nilknown");
	}

	@Test
	void withoutConsentTheOtherFacilitysRecordIsLeftOut() {
		Bundle document = summary(facilityB, atB);
		// B sees its own record and, without consent of A's patient for B, nothing of A's.
		String json = FHIR.newJsonParser().encodeResourceToString(document);
		assertThat(json).contains(WHEAT, KIWI).doesNotContain(PENICILLIN, atA);
	}

	@Test
	void anErDoctorWithoutConsentGets404ThenTheWholePersonUnderEmergencyAccess() {
		var hidden = getWith(erDoctorC, "/Patient/" + atA + "/$summary");
		var unknown = getWith(erDoctorC, "/Patient/sum-no-such-" + run + "/$summary");
		assertThat(hidden.statusCode()).isEqualTo(404);
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(outcome(hidden).getIssueFirstRep().getDiagnostics()).doesNotContain("consent");

		var opened = as("Bearer " + erDoctorC, "GET", "/Patient/" + atA + "/$summary", null, FHIR_JSON,
				EmergencyAccessInterceptor.PURPOSE_HEADER, "BTG", EmergencyAccessInterceptor.PATIENT_HEADER, "Patient/" + atA,
				EmergencyAccessInterceptor.REASON_HEADER, URLEncoder.encode(REASON, StandardCharsets.UTF_8));
		assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
		Bundle document = FHIR.newJsonParser().parseResource(Bundle.class, opened.body());
		Composition composition = (Composition) document.getEntryFirstRep().getResource();
		assertThat(entries(document, composition, "allergies", AllergyIntolerance.class)).extracting(a -> a.getCode().getText())
				.containsExactlyInAnyOrder(WHEAT, KIWI);
		assertThat(entries(document, composition, "contraindications", AllergyIntolerance.class)).hasSize(1);
		// The window is for this patient's person only: a plain read of B's record stays hidden.
		assertThat(getWith(erDoctorC, "/Patient/" + atB).statusCode()).isEqualTo(404);
	}

	@Test
	void aLinkedRecordThatContradictsTheBirthDateIsLeftOutAndNamed() {
		// A reviewer links, by mistake, a record of another birth date to the person (the matcher never would).
		String wrong = "sum-pat-wrong-" + run;
		Patient other = person(wrong, orgA, "W-" + run);
		other.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1961-02-03"));
		store(facilityA, other, allergy("sum-al-w-" + run, wrong, "そば（別人）", "food", "2025-01-01"));
		org.hl7.fhir.r4.model.Parameters link = new org.hl7.fhir.r4.model.Parameters();
		link.addParameter().setName("other").setValue(new Reference("Patient/" + wrong));
		var linked = send("POST", "/Patient/" + atA + "/$link", FHIR_JSON, FHIR.newJsonParser().encodeResourceToString(link)
				.getBytes(StandardCharsets.UTF_8));
		assertThat(linked.statusCode()).as(linked.body()).isEqualTo(200);

		Bundle document = summary(doctorA, atA);
		Composition composition = (Composition) document.getEntryFirstRep().getResource();
		assertThat(section(composition, "excluded-records").getEntry()).extracting(Reference::getReference)
				.containsExactly("Patient/" + wrong);
		assertThat(section(composition, "excluded-records").getText().getDivAsString()).contains("サマリー試験病院A");
		assertThat(entries(document, composition, "allergies", AllergyIntolerance.class)).extracting(a -> a.getCode().getText())
				.doesNotContain("そば（別人）");

		var unlinked = send("POST", "/Patient/" + wrong + "/$unlink", FHIR_JSON, "{\"resourceType\":\"Parameters\"}"
				.getBytes(StandardCharsets.UTF_8));
		assertThat(unlinked.statusCode()).as(unlinked.body()).isEqualTo(200);
		assertThat(sectionCodes((Composition) summary(doctorA, atA).getEntryFirstRep().getResource())).doesNotContain("excluded-records");
	}

	@Test
	void theSummaryIndexIsRebuiltWhenItDisagreesWithTheStoredResources() {
		org.springframework.jdbc.core.JdbcTemplate jdbc = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
		Long stored = jdbc.queryForObject("SELECT COUNT(*) FROM HFJ_RESOURCE WHERE RES_TYPE IN ('AllergyIntolerance','Condition',"
				+ "'MedicationRequest','Observation','Procedure','Encounter','ImagingStudy','DiagnosticReport','DocumentReference')"
				+ " AND RES_DELETED_AT IS NULL", Long.class);
		jdbc.update("DELETE FROM " + SummaryIndex.TABLE);
		summaryIndex.afterSingletonsInstantiated();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + SummaryIndex.TABLE, Long.class)).isEqualTo(stored);
		Composition composition = (Composition) summary(facilityA, manyLabs).getEntryFirstRep().getResource();
		assertThat(section(composition, "labs").getEntry()).hasSize(15);
	}

	@Test
	void theConsentIndexIsRebuiltWhenItDisagreesWithTheStoredConsents() {
		org.springframework.jdbc.core.JdbcTemplate jdbc = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
		Long stored = jdbc.queryForObject("SELECT COUNT(*) FROM HFJ_RESOURCE WHERE RES_TYPE = 'Consent' AND RES_DELETED_AT IS NULL",
				Long.class);
		jdbc.update("DELETE FROM RENKEI_CONSENT_INDEX");
		assertThat(consentIndex.forPatient(atB)).isEmpty();

		consentIndex.afterSingletonsInstantiated();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM RENKEI_CONSENT_INDEX", Long.class)).isEqualTo(stored);
		assertThat(consentIndex.forPatient(atB)).extracting(consent -> consent.getIdElement().getIdPart()).contains("sum-consent-" + run);
		// B's consent lets A's doctor see B's record again: it is merged into A's summary.
		Bundle document = summary(doctorA, atA);
		assertThat(entries(document, (Composition) document.getEntryFirstRep().getResource(), "allergies", AllergyIntolerance.class))
				.extracting(a -> a.getCode().getText()).contains(KIWI);
	}

	@Test
	void aPatientWithHundredsOfResultsGetsTheNewestFivePerTest() {
		Bundle document = summary(facilityA, manyLabs);
		Composition composition = (Composition) document.getEntryFirstRep().getResource();
		List<Observation> labs = entries(document, composition, "labs", Observation.class);
		assertThat(labs).hasSize(15);
		assertThat(labs.stream().collect(Collectors.groupingBy(o -> o.getCode().getText(), Collectors.counting())))
				.containsOnlyKeys("検査0", "検査1", "検査2").allSatisfy((test, count) -> assertThat(count).isEqualTo(5L));
		// Newest first: result 449 is the newest.
		assertThat(labs.get(0).getIdPart()).isEqualTo("sum-lab-" + run + "-449");
	}

	@Test
	void aResultHiddenByConsentLeavesItsPlaceToTheNextNewestOne() {
		Bundle document = summary(doctorA, atA);
		List<Observation> labs = entries(document, (Composition) document.getEntryFirstRep().getResource(), "labs", Observation.class);
		// The newest result (6) is labelled HIV and excluded by B's consent: results 5 down to 1 fill the five places.
		assertThat(labs).extracting(Observation::getIdPart).containsExactly(
				"sum-hiv-lab-" + run + "-5", "sum-hiv-lab-" + run + "-4", "sum-hiv-lab-" + run + "-3", "sum-hiv-lab-" + run + "-2",
				"sum-hiv-lab-" + run + "-1");
		// B's own facility sees its own newest result.
		Bundle own = summary(facilityB, atB);
		assertThat(entries(own, (Composition) own.getEntryFirstRep().getResource(), "labs", Observation.class))
				.extracting(Observation::getIdPart).contains("sum-hiv-lab-" + run + "-6");
	}

	@Test
	void aPatientTokenSeesOnlyItsOwnRecord() {
		String patientB = tokens().patient(atB, "patient/*.rs");
		Bundle document = summary(patientB, atB);
		// Its own record only, with the image viewer's Endpoint (shared, outside the compartment).
		assertThat(FHIR.newJsonParser().encodeResourceToString(document)).contains(KIWI, "wado-rs").doesNotContain(PENICILLIN);
		assertThat(getWith(patientB, "/Patient/" + atA + "/$summary").statusCode()).isIn(403, 404);
	}

	@Test
	void badRequestsGetAnOperationOutcome() {
		var wrongType = getWith(doctorA, "/Observation/" + atA + "/$summary");
		assertThat(wrongType.statusCode()).isBetween(400, 499);
		assertThat(outcome(wrongType).getIssue()).isNotEmpty();
		var noToken = as(null, "GET", "/Patient/" + atA + "/$summary", null);
		assertThat(noToken.statusCode()).isEqualTo(401);
		var narrowScope = getWith(tokens().user("sum-narrow-" + run, "Practitioner/jp-practitioner-example-male-1",
				"Organization/" + orgA, List.of(), "user/AllergyIntolerance.rs"), "/Patient/" + atA + "/$summary");
		assertThat(narrowScope.statusCode()).isEqualTo(403);
		assertThat(outcome(narrowScope).getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
	}

	private Bundle summary(String token, String patient) {
		var response = getWith(token, "/Patient/" + patient + "/$summary");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return FHIR.newJsonParser().parseResource(Bundle.class, response.body());
	}

	private static List<String> sectionCodes(Composition composition) {
		return composition.getSection().stream().map(s -> s.getCode().getCoding().stream()
				.filter(c -> SummarySection.SYSTEM.equals(c.getSystem())).findFirst().map(Coding::getCode).orElse("")).toList();
	}

	private static Composition.SectionComponent section(Composition composition, String code) {
		return composition.getSection().stream().filter(s -> s.getCode().getCoding().stream()
				.anyMatch(c -> SummarySection.SYSTEM.equals(c.getSystem()) && code.equals(c.getCode()))).findFirst().orElseThrow();
	}

	private static <T extends Resource> List<T> entries(Bundle document, Composition composition, String code, Class<T> type) {
		List<T> found = new ArrayList<>();
		for (Reference reference : section(composition, code).getEntry()) {
			String wanted = reference.getReferenceElement().toUnqualifiedVersionless().getValue();
			document.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
					.filter(r -> (r.fhirType() + "/" + r.getIdPart()).equals(wanted)).findFirst()
					.ifPresent(r -> found.add(type.cast(r)));
		}
		assertThat(found).hasSameSizeAs(section(composition, code).getEntry());
		return found;
	}

	private static String holder(Resource resource) {
		return resource.getMeta().getTag().stream().filter(t -> SummaryComposer.HOLDING_FACILITY.equals(t.getSystem()))
				.map(Coding::getCode).findFirst().orElse("");
	}

	private Organization organization(String id, String name) {
		Organization organization = (Organization) example("Organization-jp-organization-example-hospital.json");
		organization.setId(id);
		organization.setName(name);
		return organization;
	}

	private Patient person(String id, String organization, String number) {
		Patient patient = (Patient) example("Patient-jp-patient-example-1.json");
		patient.setId(id);
		patient.getIdentifierFirstRep().setSystem("urn:oid:1.2.392.100495.20.3.51.1.99" + Math.abs(organization.hashCode() % 100000000))
				.setValue(number);
		// A name of this run only, so that records of other tests are not linked to this person.
		String kana = run.chars().mapToObj(c -> String.valueOf((char) ('ア' + (c % 20) * 2))).collect(Collectors.joining());
		HumanName kanji = patient.getName().get(0);
		kanji.setFamily("救急" + kana).setText("救急" + kana + " 太郎");
		HumanName reading = patient.getName().get(1);
		reading.setFamily("キュウキュウ" + kana).setText("キュウキュウ" + kana + " タロウ");
		patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1951-02-03"));
		patient.setManagingOrganization(new Reference("Organization/" + organization));
		return patient;
	}

	private AllergyIntolerance allergy(String id, String patient, String text, String category, String recorded) {
		AllergyIntolerance allergy = (AllergyIntolerance) example("AllergyIntolerance-jp-allergyintolerance-example-1.json");
		allergy.setId(id);
		allergy.setPatient(new Reference("Patient/" + patient));
		allergy.getCode().setText(text);
		if (!WHEAT.equals(text)) {
			allergy.getCode().getCoding().clear();
			allergy.getCode().addCoding(new Coding("urn:oid:1.2.392.200119.4.403.1", "sum-" + text.hashCode(), text));
		}
		allergy.getCategory().clear();
		allergy.addCategory(AllergyIntolerance.AllergyIntoleranceCategory.fromCode(category));
		allergy.setRecordedDateElement(new DateTimeType(recorded));
		return allergy;
	}

	private ImagingStudy imaging(String id, String patient) {
		ImagingStudy study = (ImagingStudy) example("ImagingStudy-jp-imagingstudy-radiology-example-1.json");
		study.setId(id);
		study.getIdentifierFirstRep().setValue("urn:oid:2.25." + Math.abs((long) id.hashCode()));
		study.setSubject(new Reference("Patient/" + patient));
		study.addEndpoint(new Reference("Endpoint/endpoint-dicom-wadors-example"));
		return study;
	}

	private Observation lab(String id, String patient, int test, int index) {
		Observation observation = (Observation) example("Observation-jp-observation-labresult-example-1.json");
		observation.setId(id);
		observation.getContained().clear();
		observation.getBasedOn().clear();
		observation.setSubject(new Reference("Patient/" + patient));
		observation.setCode(new CodeableConcept(new Coding("http://abc-hospital.local/fhir/Observation/localcode", "T" + test, "検査" + test))
				.setText("検査" + test));
		observation.setValue(new Quantity().setValue(index).setUnit("mg/dL"));
		observation.setEffective(new DateTimeType(new Date(1_600_000_000_000L + index * 86_400_000L)));
		return observation;
	}

	private Consent consent(String id, String patient, String obtainedBy, String permitted) {
		Consent consent = new Consent();
		consent.setId(id);
		consent.setStatus(Consent.ConsentState.ACTIVE);
		consent.setScope(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", null)));
		consent.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", null)));
		consent.setPatient(new Reference("Patient/" + patient));
		consent.setDateTime(new Date());
		consent.addOrganization(new Reference("Organization/" + obtainedBy));
		consent.setPolicyRule(new CodeableConcept(new Coding(RegionConsentPolicy.SYSTEM, "opt-in-per-facility", null)));
		consent.getProvision().setType(Consent.ConsentProvisionType.PERMIT);
		consent.getProvision().addActor()
				.setRole(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", null)))
				.setReference(new Reference("Organization/" + permitted));
		return consent;
	}

	private void put(Resource... resources) {
		client().transaction().withBundle(transaction(resources)).execute();
	}

	private void store(String token, Resource... resources) {
		var stored = withToken(token, "POST", "/", FHIR.newJsonParser().encodeResourceToString(transaction(resources)));
		assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
	}

	private static Bundle transaction(Resource... resources) {
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (Resource resource : resources) {
			transaction.addEntry().setResource(resource).getRequest().setMethod(Bundle.HTTPVerb.PUT)
					.setUrl(resource.fhirType() + "/" + resource.getIdPart());
		}
		return transaction;
	}

	private static Resource example(String file) {
		return JpCoreExamples.parse(fhirPackages().resolve("jp-core-examples").resolve(file));
	}
}
