package jp.renkei.server.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import jp.renkei.server.demo.DemoRegion;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The summary composed over the demo region, person by person (each person's facility records
 * merged, the holder of each resource being its record's facility): the right allergies, drugs and
 * facilities, checked against what the demo generated.
 */
class SummaryComposerTest {

	private static final SummaryProperties LIMITS = new SummaryProperties(5, 40, 50, 100, 20, 10, 10, 10);
	private static DemoRegion region;
	private static Map<String, List<Patient>> persons;
	private static Map<String, Organization> organizations;

	@BeforeAll
	static void generate() {
		region = DemoRegion.generate(60);
		persons = region.ofType(Patient.class).stream().collect(Collectors.groupingBy(
				p -> p.getIdPart().replaceAll("^(demo-pat-\\d+)-.*$", "$1"), LinkedHashMap::new, Collectors.toList()));
		organizations = region.ofType(Organization.class).stream().collect(Collectors.toMap(Organization::getIdPart, o -> o));
	}

	@Test
	void everyPersonsAllergiesAndContraindicationsAppearOnceWithTheFacilitiesThatRecordedThem() {
		int merged = 0;
		int collapsed = 0;
		for (List<Patient> records : persons.values()) {
			Bundle document = compose(records);
			Composition composition = (Composition) document.getEntryFirstRep().getResource();
			Map<String, Resource> entries = byReference(document);
			for (String section : List.of("allergies", "contraindications")) {
				boolean medication = section.equals("contraindications");
				// Expected: each allergen once, with every facility that recorded it.
				Map<String, Set<String>> expected = new HashMap<>();
				for (AllergyIntolerance allergy : clinicalOf(records, AllergyIntolerance.class)) {
					boolean isMedication = allergy.getCategory().stream()
							.anyMatch(c -> c.getValue() == AllergyIntolerance.AllergyIntoleranceCategory.MEDICATION);
					if (isMedication == medication) {
						expected.computeIfAbsent(allergenKey(allergy), k -> new TreeSet<>()).add(holderOf(allergy, records));
					}
				}
				Map<String, Set<String>> shown = new HashMap<>();
				for (Reference reference : section(composition, section).getEntry()) {
					AllergyIntolerance allergy = (AllergyIntolerance) entries.get(reference.getReference());
					Set<String> facilities = new TreeSet<>();
					facilities.add("Organization/" + allergy.getMeta().getTag().stream()
							.filter(t -> SummaryComposer.HOLDING_FACILITY.equals(t.getSystem())).findFirst().orElseThrow().getCode());
					allergy.getExtensionsByUrl(SummaryComposer.ALSO_RECORDED_BY)
							.forEach(e -> facilities.add(((Reference) e.getValue()).getReference()));
					assertThat(shown.put(allergenKey(allergy), facilities)).as("allergen shown twice").isNull();
					if (facilities.size() > 1) {
						collapsed++;
					}
				}
				assertThat(shown).as(section + " of " + records.get(0).getIdPart()).isEqualTo(expected);
			}
			if (records.size() > 1) {
				merged++;
			}
		}
		assertThat(merged).as("persons with several facility records").isGreaterThan(5);
		assertThat(collapsed).as("allergies recorded by more than one facility, shown once").isGreaterThan(0);
	}

	@Test
	void currentMedicationIsEveryActiveDrugOnceAndTheFacilitiesAreNamed() {
		List<Patient> records = persons.values().stream().filter(r -> r.size() >= 2)
				.filter(r -> clinicalOf(r, MedicationRequest.class).stream().anyMatch(m -> m.getStatus() == MedicationRequest.MedicationRequestStatus.ACTIVE))
				.findFirst().orElseThrow();
		Bundle document = compose(records);
		Composition composition = (Composition) document.getEntryFirstRep().getResource();
		Map<String, Resource> entries = byReference(document);
		Set<String> expected = clinicalOf(records, MedicationRequest.class).stream()
				.filter(m -> m.getStatus() == MedicationRequest.MedicationRequestStatus.ACTIVE)
				.map(m -> m.getMedicationCodeableConcept().getCodingFirstRep().getCode()).collect(Collectors.toSet());
		List<String> shown = section(composition, "medications").getEntry().stream()
				.map(r -> ((MedicationRequest) entries.get(r.getReference())).getMedicationCodeableConcept().getCodingFirstRep().getCode())
				.toList();
		assertThat(shown).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);

		Set<String> facilityNames = records.stream().map(p -> organizations.get(p.getManagingOrganization().getReferenceElement().getIdPart()).getName())
				.collect(Collectors.toSet());
		assertThat(document.getEntry()).extracting(Bundle.BundleEntryComponent::getResource).filteredOn(Organization.class::isInstance)
				.extracting(o -> ((Organization) o).getName()).containsAll(facilityNames);
	}

	@Test
	void labsAreTheNewestFivePerTestNewestFirst() {
		for (List<Patient> records : persons.values()) {
			Bundle document = compose(records);
			Composition composition = (Composition) document.getEntryFirstRep().getResource();
			Map<String, Resource> entries = byReference(document);
			Map<String, List<Observation>> byTest = new LinkedHashMap<>();
			for (Reference reference : section(composition, "labs").getEntry()) {
				Observation lab = (Observation) entries.get(reference.getReference());
				byTest.computeIfAbsent(lab.getCode().getCodingFirstRep().getCode(), k -> new ArrayList<>()).add(lab);
			}
			Map<String, Long> generated = clinicalOf(records, Observation.class).stream()
					.filter(o -> o.getCategory().stream().anyMatch(c -> c.getCodingFirstRep().getCode().equals("laboratory")))
					.filter(o -> o.getCode().getCoding().stream().noneMatch(c -> SummaryComposer.INFECTION_SYSTEMS.contains(c.getSystem())))
					.collect(Collectors.groupingBy(o -> o.getCode().getCodingFirstRep().getCode(), Collectors.counting()));
			assertThat(byTest.keySet()).isEqualTo(generated.keySet());
			byTest.forEach((test, results) -> {
				assertThat(results).hasSize((int) Math.min(5, generated.get(test)));
				List<String> dates = results.stream().map(o -> o.getEffectiveDateTimeType().getValueAsString()).toList();
				assertThat(dates).isSortedAccordingTo(java.util.Comparator.reverseOrder());
			});
		}
	}

	@Test
	void infectionsAndImagingReportsOfTheAdmissionsAreShown() {
		int positives = 0;
		int reports = 0;
		for (List<Patient> records : persons.values()) {
			Bundle document = compose(records);
			Composition composition = (Composition) document.getEntryFirstRep().getResource();
			Map<String, Resource> entries = byReference(document);
			Set<String> expected = clinicalOf(records, Observation.class).stream()
					.filter(o -> o.getCode().getCoding().stream().anyMatch(c -> SummaryComposer.INFECTION_SYSTEMS.contains(c.getSystem())))
					.map(o -> o.getCode().getText() + " " + o.getValueCodeableConcept().getText()).collect(Collectors.toSet());
			Set<String> shown = section(composition, "infections").getEntry().stream().map(r -> (Observation) entries.get(r.getReference()))
					.map(o -> o.getCode().getText() + " " + o.getValueCodeableConcept().getText()).collect(Collectors.toSet());
			assertThat(shown).isEqualTo(expected);
			positives += (int) shown.stream().filter(s -> s.endsWith("陽性")).count();
			for (Reference study : section(composition, "imaging").getEntry()) {
				boolean reported = document.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
						.filter(org.hl7.fhir.r4.model.DiagnosticReport.class::isInstance).map(org.hl7.fhir.r4.model.DiagnosticReport.class::cast)
						.anyMatch(r -> r.getImagingStudyFirstRep().getReference().equals(study.getReference()) && r.hasConclusion());
				assertThat(reported).as("report of " + study.getReference()).isTrue();
				reports++;
			}
		}
		assertThat(positives).as("positive infection results in the region").isGreaterThan(0);
		assertThat(reports).as("imaging studies with their report").isGreaterThan(0);
	}

	@Test
	void mergedAndExcludedRecordsAreListedWithTheirFacilities() {
		List<Patient> records = persons.values().stream().filter(r -> r.size() >= 3).findFirst().orElseThrow();
		Patient contradicting = records.get(2).copy();
		contradicting.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1900-01-01"));
		Bundle document = new SummaryComposer(LIMITS).compose(new SummaryRecords(records.get(0), List.of(records.get(1)),
				List.of(contradicting), List.of(), List.of(), Map.of(), organizations, Map.of()), "http://example.jp/fhir",
				Instant.parse("2026-12-06T00:00:00Z"));
		Composition composition = (Composition) document.getEntryFirstRep().getResource();
		assertThat(section(composition, "merged-records").getEntry()).extracting(Reference::getReference)
				.containsExactly("Patient/" + records.get(0).getIdPart(), "Patient/" + records.get(1).getIdPart());
		Composition.SectionComponent excluded = section(composition, "excluded-records");
		assertThat(excluded.getEntry()).extracting(Reference::getReference).containsExactly("Patient/" + contradicting.getIdPart());
		String facility = organizations.get(contradicting.getManagingOrganization().getReferenceElement().getIdPart()).getName();
		assertThat(excluded.getText().getDivAsString()).contains(facility);
		assertThat(byReference(document)).containsKey("Patient/" + contradicting.getIdPart());
	}

	@Test
	void theDocumentOfAPersonWithSeveralRecordsIsValidFhir() {
		List<Patient> records = persons.values().stream().filter(r -> r.size() >= 2)
				.filter(r -> !clinicalOf(r, org.hl7.fhir.r4.model.ImagingStudy.class).isEmpty()).findFirst().orElseThrow();
		Bundle document = compose(records);
		org.hl7.fhir.r4.model.OperationOutcome outcome = jp.renkei.server.demo.DemoValidation
				.profileValidator(ca.uhn.fhir.context.FhirContext.forR4Cached()).check(document);
		assertThat(outcome.getIssue()).as(ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser().setPrettyPrint(true)
				.encodeResourceToString(outcome)).isEmpty();
	}

	@Test
	void anEmptyRecordGivesEmptySectionsThatSaySo() {
		Patient alone = new Patient();
		alone.setId("nobody");
		Bundle document = new SummaryComposer(LIMITS).compose(
				new SummaryRecords(alone, List.of(), List.of(), List.of(), List.of(), Map.of(), Map.of(), Map.of()),
				"http://example.jp/fhir", Instant.parse("2026-12-06T00:00:00Z"));
		Composition composition = (Composition) document.getEntryFirstRep().getResource();
		assertThat(composition.getSection()).hasSize(SummarySection.values().length).allSatisfy(section -> {
			assertThat(section.getEntry()).isEmpty();
			assertThat(section.getEmptyReason().getCodingFirstRep().getCode()).isEqualTo("nilknown");
			assertThat(section.getText().getDivAsString()).contains("記録なし");
		});
		assertThat(document.getEntry()).hasSize(2);
		assertThat(document.getEntry().get(1).getFullUrl()).isEqualTo("http://example.jp/fhir/Patient/nobody");
	}

	private static Bundle compose(List<Patient> records) {
		List<Resource> clinical = new ArrayList<>();
		Map<String, String> holders = new HashMap<>();
		for (Resource resource : region.resources()) {
			Patient owner = ownerAmong(resource, records);
			if (owner != null && !(resource instanceof Patient)) {
				Resource copy = resource.copy();
				clinical.add(copy);
				holders.put(SummaryComposer.key(copy), owner.getManagingOrganization().getReference());
			}
		}
		List<org.hl7.fhir.r4.model.DiagnosticReport> reports = clinical.stream()
				.filter(org.hl7.fhir.r4.model.DiagnosticReport.class::isInstance).map(org.hl7.fhir.r4.model.DiagnosticReport.class::cast).toList();
		return new SummaryComposer(LIMITS).compose(new SummaryRecords(records.get(0), records.subList(1, records.size()), List.of(),
				clinical, reports, Map.of(), organizations, holders), "http://example.jp/fhir", Instant.parse("2026-12-06T00:00:00Z"));
	}

	private static <T extends Resource> List<T> clinicalOf(List<Patient> records, Class<T> type) {
		return region.ofType(type).stream().filter(r -> ownerAmong(r, records) != null).toList();
	}

	private static String holderOf(Resource resource, List<Patient> records) {
		return ownerAmong(resource, records).getManagingOrganization().getReference();
	}

	private static Patient ownerAmong(Resource resource, List<Patient> records) {
		String reference = null;
		if (resource instanceof AllergyIntolerance allergy) {
			reference = allergy.getPatient().getReference();
		} else if (resource instanceof Patient patient) {
			reference = "Patient/" + patient.getIdPart();
		} else {
			var subject = resource.getNamedProperty("subject");
			if (subject != null && subject.hasValues() && subject.getValues().get(0) instanceof Reference r) {
				reference = r.getReference();
			}
		}
		for (Patient patient : records) {
			if (("Patient/" + patient.getIdPart()).equals(reference)) {
				return patient;
			}
		}
		return null;
	}

	private static String allergenKey(AllergyIntolerance allergy) {
		Coding coding = allergy.getCode().getCodingFirstRep();
		return coding.getSystem() + "|" + coding.getCode();
	}

	private static Composition.SectionComponent section(Composition composition, String code) {
		return composition.getSection().stream().filter(s -> s.getCode().getCoding().stream()
				.anyMatch(c -> SummarySection.SYSTEM.equals(c.getSystem()) && code.equals(c.getCode()))).findFirst().orElseThrow();
	}

	private static Map<String, Resource> byReference(Bundle document) {
		Map<String, Resource> entries = new HashMap<>();
		document.getEntry().forEach(e -> entries.put(e.getResource().fhirType() + "/" + e.getResource().getIdPart(), e.getResource()));
		return entries;
	}
}
