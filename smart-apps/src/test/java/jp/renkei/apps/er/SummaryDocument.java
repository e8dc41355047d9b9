package jp.renkei.apps.er;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A {@code $summary} answer shaped as the server composes it (README, "The emergency summary"), for the ER screen tests:
 * patient 田中 一郎 with records at 房総中央総合病院 (hospital) and 海浜クリニック (clinic).
 */
final class SummaryDocument {

	static final String PATIENT_ID = "er-test-patient";
	static final String HOSPITAL = "房総中央総合病院";
	static final String CLINIC = "海浜クリニック";
	static final String ALLERGY = "ペニシリン系抗菌薬";
	static final String CONTRAINDICATED_DRUG = "ワルファリンカリウム錠";
	static final String INFECTION = "HBs抗原";
	static final String PROBLEM = "2型糖尿病";
	static final String MEDICATION = "メトホルミン塩酸塩錠500mg";
	static final String LAB = "HbA1c";
	static final String OPERATION = "腹腔鏡下胆嚢摘出術";
	static final String IMAGING = "胸部CT";
	static final String IMAGING_REPORT = "右下葉に小結節影。前回と著変なし。";
	static final String VIEWER = "https://pacs.example.jp/viewer?study=1.2.392.200036.9116.2.5.1.37.2417525831.1535617845.12345";
	static final String DOCUMENT = "退院時サマリー";

	private final Bundle bundle = new Bundle();
	private final Composition composition = new Composition();

	private SummaryDocument() {
		bundle.setType(Bundle.BundleType.DOCUMENT);
		bundle.setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:5d3f4a3c-0000-4000-8000-000000000001"));
		bundle.setTimestampElement(new org.hl7.fhir.r4.model.InstantType("2026-11-23T10:00:00+09:00"));
		composition.setStatus(Composition.CompositionStatus.FINAL);
		composition.setType(new CodeableConcept(new Coding("http://loinc.org", "60591-5", "Patient summary Document")));
		composition.setSubject(new Reference("Patient/" + PATIENT_ID));
		composition.setDateElement(new DateTimeType("2026-11-23T10:00:00+09:00"));
		composition.addAuthor(new Reference("Device/renkei-server"));
		composition.setTitle("救急サマリー");
		composition.setId("summary");
		add("urn:uuid:composition", composition);
	}

	/** The full document: every section with entries, duplicates collapsed with also-recorded-by. */
	static Bundle full() {
		SummaryDocument d = new SummaryDocument();
		AllergyIntolerance allergy = new AllergyIntolerance();
		allergy.setCode(new CodeableConcept().setText(ALLERGY));
		allergy.addCategory(AllergyIntolerance.AllergyIntoleranceCategory.ENVIRONMENT);
		allergy.setCriticality(AllergyIntolerance.AllergyIntoleranceCriticality.HIGH);
		allergy.addReaction().addManifestation(new CodeableConcept().setText("アナフィラキシー"));
		allergy.setRecordedDateElement(new DateTimeType("2024-04-10"));
		allergy.addExtension(new Extension(ErSummaryReader.ALSO_RECORDED_BY, new Reference("Organization/clinic")));
		d.section("allergies", "48765-2", "アレルギー", d.held(allergy, "AllergyIntolerance/a1", "hospital"));

		AllergyIntolerance drug = new AllergyIntolerance();
		drug.addCategory(AllergyIntolerance.AllergyIntoleranceCategory.MEDICATION);
		drug.setCode(new CodeableConcept(new Coding("urn:oid:1.2.392.200119.4.403.1", "103835401", CONTRAINDICATED_DRUG)));
		drug.setRecordedDateElement(new DateTimeType("2025-01-20T09:30:00+09:00"));
		d.section("contraindications", null, "薬剤禁忌", d.held(drug, "AllergyIntolerance/a2", "clinic"));

		Observation infection = new Observation();
		infection.setStatus(Observation.ObservationStatus.FINAL);
		infection.setCode(new CodeableConcept().setText(INFECTION));
		infection.setValue(new CodeableConcept().setText("陽性"));
		infection.addInterpretation(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "POS", "Positive")));
		infection.setEffective(new DateTimeType("2023-06-01"));
		d.section("infections", null, "感染症", d.held(infection, "Observation/i1", "hospital"));

		Condition problem = new Condition();
		problem.setCode(new CodeableConcept().setText(PROBLEM));
		problem.setOnset(new DateTimeType("2019-03-01"));
		d.section("problems", "11450-4", "傷病名", d.held(problem, "Condition/c1", "clinic"));

		MedicationRequest medication = new MedicationRequest();
		medication.setMedication(new CodeableConcept().setText(MEDICATION));
		medication.addDosageInstruction().setText("1回1錠 1日2回 朝夕食後");
		medication.setAuthoredOnElement(new DateTimeType("2026-11-01"));
		d.section("medications", "10160-0", "処方", d.held(medication, "MedicationRequest/m1", "clinic"));

		List<String> labs = new ArrayList<>();
		String[][] values = {{"2026-05-01", "7.9"}, {"2026-08-01", "7.4"}, {"2026-11-01", "7.1"}};
		for (int i = 0; i < values.length; i++) {
			Observation lab = new Observation();
			lab.setStatus(Observation.ObservationStatus.FINAL);
			lab.setCode(new CodeableConcept(new Coding("urn:oid:1.2.392.200119.4.504", "3D046000001920402", LAB)));
			lab.setValue(new Quantity().setValue(new java.math.BigDecimal(values[i][1])).setUnit("%"));
			lab.addReferenceRange().setLow(new Quantity().setValue(4.6)).setHigh(new Quantity().setValue(6.2));
			lab.addInterpretation(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "H", "High")));
			lab.setEffective(new DateTimeType(values[i][0]));
			labs.add(d.held(lab, "Observation/l" + i, "clinic"));
		}
		d.section("labs", "30954-2", "検査", labs.toArray(String[]::new));

		Procedure operation = new Procedure();
		operation.setCode(new CodeableConcept().setText(OPERATION));
		operation.setPerformed(new DateTimeType("2021-09-14"));
		d.section("procedures", "47519-4", "手術・処置", d.held(operation, "Procedure/p1", "hospital"));

		Encounter encounter = new Encounter();
		encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "外来"));
		encounter.setPeriod(new Period().setStartElement(new DateTimeType("2026-11-01T09:00:00+09:00")));
		encounter.addReasonCode(new CodeableConcept().setText("定期受診"));
		encounter.setServiceProvider(new Reference("Organization/clinic"));
		d.section("encounters", "46240-8", "受診歴", d.held(encounter, "Encounter/e1", "clinic"));

		Endpoint endpoint = new Endpoint();
		endpoint.setAddress(VIEWER);
		endpoint.setId("viewer");
		d.add("http://fhir.example.jp/fhir/Endpoint/viewer", endpoint);
		ImagingStudy study = new ImagingStudy();
		study.setDescription(IMAGING);
		study.setStartedElement(new DateTimeType("2026-10-15T14:00:00+09:00"));
		study.addEndpoint(new Reference("Endpoint/viewer"));
		String studyUrl = d.held(study, "ImagingStudy/s1", "hospital");
		DiagnosticReport report = new DiagnosticReport();
		report.addImagingStudy(new Reference("ImagingStudy/s1"));
		report.addPresentedForm().setContentType("text/plain; charset=UTF-8").setData(IMAGING_REPORT.getBytes(StandardCharsets.UTF_8));
		d.held(report, "DiagnosticReport/r1", "hospital");
		d.section("imaging", "18748-4", "画像検査", studyUrl);

		DocumentReference document = new DocumentReference();
		document.setType(new CodeableConcept(new Coding("http://loinc.org", "18842-5", "Discharge summary")).setText(DOCUMENT));
		document.setDateElement(new org.hl7.fhir.r4.model.InstantType("2021-09-20T10:00:00+09:00"));
		d.section("documents", "55107-7", "文書", d.held(document, "DocumentReference/d1", "hospital"));

		d.patientAndOrganizations();
		return d.bundle;
	}

	/** A document whose every section is empty (emptyReason nilknown), as for a hidden or new patient. */
	static Bundle empty() {
		SummaryDocument d = new SummaryDocument();
		for (String code : List.of("allergies", "contraindications", "infections", "problems", "medications", "labs",
				"procedures", "encounters", "imaging", "documents")) {
			d.section(code, null, code);
		}
		d.patientAndOrganizations();
		return d.bundle;
	}

	private void patientAndOrganizations() {
		Patient patient = new Patient();
		patient.addIdentifier().setSystem("urn:oid:1.2.392.100495.20.3.51.11311234567").setValue("H-000123");
		patient.addIdentifier().setSystem(jp.renkei.apps.smart.PatientBanner.INSURANCE_MEMBER_ID_SYSTEM).setValue("06123456:記号:番号:00");
		HumanName kanji = patient.addName().setText("田中 一郎");
		kanji.addExtension(new Extension(ErFhirCalls.REPRESENTATION, new CodeType("IDE")));
		HumanName kana = patient.addName().setText("タナカ イチロウ");
		kana.addExtension(new Extension(ErFhirCalls.REPRESENTATION, new CodeType("SYL")));
		patient.setGender(AdministrativeGender.MALE);
		patient.setBirthDateElement(new DateType("1950-04-01"));
		patient.setId(PATIENT_ID);
		add("http://fhir.example.jp/fhir/Patient/" + PATIENT_ID, patient);
		Organization hospital = new Organization().setName(HOSPITAL);
		hospital.setId("hospital");
		add("http://fhir.example.jp/fhir/Organization/hospital", hospital);
		Organization clinic = new Organization().setName(CLINIC);
		clinic.setId("clinic");
		add("http://fhir.example.jp/fhir/Organization/clinic", clinic);
	}

	private String held(DomainResource resource, String id, String organization) {
		resource.setId(id);
		// The server stamps the Organization's id (consent.HoldingFacility); Organization/<id> is read as well.
		resource.getMeta().addTag(ErSummaryReader.HOLDING_FACILITY, organization.equals("clinic") ? "Organization/clinic" : organization, null);
		String fullUrl = "http://fhir.example.jp/fhir/" + id;
		add(fullUrl, resource);
		return fullUrl;
	}

	private void section(String code, String loinc, String title, String... fullUrls) {
		Composition.SectionComponent section = composition.addSection().setTitle(title);
		if (loinc != null) {
			section.getCode().addCoding(new Coding("http://loinc.org", loinc, null));
		}
		section.getCode().addCoding(new Coding(ErSummaryReader.SECTION_SYSTEM, code, null));
		for (String fullUrl : fullUrls) {
			section.addEntry(new Reference(fullUrl));
		}
		if (fullUrls.length == 0) {
			section.setEmptyReason(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/list-empty-reason", "nilknown", "Nil Known")));
		}
	}

	private void add(String fullUrl, Resource resource) {
		bundle.addEntry().setFullUrl(fullUrl).setResource(resource);
	}

}
