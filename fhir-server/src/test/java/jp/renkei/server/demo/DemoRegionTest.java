package jp.renkei.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.renkei.terminology.codesystem.MedicalInstitutionCode;
import jp.renkei.terminology.text.JapaneseTextFolding;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.AllergyIntolerance.AllergyIntoleranceCategory;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** The demo region has the shape the features and their tests rely on, and is the same on every run. */
class DemoRegionTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final DemoRegion REGION = DemoRegion.generate(60);

	@Test
	void threeHospitalsAndSixClinicsWithValidInstitutionCodes() {
		List<Organization> organizations = REGION.ofType(Organization.class);

		assertThat(organizations).hasSize(9);
		assertThat(organizations).filteredOn(o -> o.getTypeFirstRep().getCodingFirstRep().getCode().equals("hospital")).hasSize(3);
		assertThat(organizations).filteredOn(o -> o.getTypeFirstRep().getCodingFirstRep().getCode().equals("clinic")).hasSize(6);
		assertThat(organizations).allSatisfy(organization -> {
			String code = organization.getIdentifierFirstRep().getValue();
			assertThat(organization.getIdentifierFirstRep().getSystem())
					.isEqualTo("http://jpfhir.jp/fhir/core/IdSystem/insurance-medical-institution-no");
			assertThat(MedicalInstitutionCode.isValid(code)).as(code).isTrue();
			assertThat(code).startsWith("121");
			assertThat(organization.getAddressFirstRep().getState()).isEqualTo("千葉県");
			assertThat(organization.getAddressFirstRep().getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/geolocation"))
					.isNotNull();
		});
		assertThat(organizations).extracting(o -> o.getIdentifierFirstRep().getValue()).doesNotHaveDuplicates();
	}

	@Test
	void atLeastSixtyBedsWithAMixOfStatusesInTheirWards() {
		List<Location> beds = REGION.ofType(Location.class).stream()
				.filter(l -> l.getPhysicalType().getCodingFirstRep().getCode().equals("bd"))
				.toList();

		assertThat(beds).hasSizeGreaterThanOrEqualTo(60);
		assertThat(beds).allSatisfy(bed -> {
			assertThat(bed.getPartOf().getReference()).startsWith("Location/demo-loc-");
			assertThat(bed.getManagingOrganization().getReference()).startsWith("Organization/demo-org-h");
			assertThat(bed.getOperationalStatus().getSystem()).isEqualTo("http://terminology.hl7.org/CodeSystem/v2-0116");
		});
		Map<String, Long> statuses = beds.stream()
				.collect(Collectors.groupingBy(b -> b.getOperationalStatus().getCode(), Collectors.counting()));
		assertThat(statuses.keySet()).contains("O", "U").hasSizeGreaterThanOrEqualTo(5);
	}

	@Test
	void patientsHaveKanjiAndKanaNamesAndSomeAreKnownToSeveralFacilities() {
		List<Patient> patients = REGION.ofType(Patient.class);

		assertThat(patients).hasSizeGreaterThanOrEqualTo(60);
		assertThat(patients).allSatisfy(patient -> {
			assertThat(representation(patient, "IDE").getFamily()).isNotBlank();
			assertThat(JapaneseTextFolding.isKanaOnly(representation(patient, "SYL").getText())).isTrue();
			assertThat(patient.getIdentifierFirstRep().getSystem())
					.startsWith("urn:oid:1.2.392.100495.20.3.51.1121");
		});
		// Registers mostly store the reading in full-width katakana and a phone number.
		assertThat(patients).filteredOn(patient -> !representation(patient, "SYL").getText().matches("[\\p{IsKatakana}ー ]+"))
				.extracting(Patient::getIdPart).containsExactlyInAnyOrder("demo-pat-0009-h1");
		assertThat(patients).filteredOn(patient -> patient.getTelecom().isEmpty())
				.extracting(Patient::getIdPart).containsExactly("demo-pat-0015-h3");
		Map<String, List<Patient>> byPerson = patients.stream().collect(Collectors.groupingBy(p ->
				representation(p, "IDE").getText() + "|" + p.getBirthDateElement().getValueAsString() + "|" + p.getTelecomFirstRep().getValue()));
		assertThat(byPerson).hasSizeGreaterThanOrEqualTo(50);
		assertThat(byPerson.values()).filteredOn(records -> records.size() >= 2).hasSizeGreaterThanOrEqualTo(10);
		assertThat(patients).anySatisfy(patient -> {
			String family = representation(patient, "IDE").getFamily();
			assertThat(family.codePointCount(0, family.length())).isLessThan(family.length());
		});
	}

	@Test
	void clinicalRecordsOfEveryKindArePresent() {
		Map<String, Integer> counts = REGION.countsByType();
		assertThat(counts).containsKeys("Encounter", "Condition", "AllergyIntolerance", "MedicationRequest",
				"Observation", "Specimen", "DocumentReference", "ImagingStudy", "Procedure", "Practitioner",
				"PractitionerRole", "Endpoint");

		assertThat(REGION.ofType(AllergyIntolerance.class)).extracting(a -> a.getCategory().get(0).getValue())
				.contains(AllergyIntoleranceCategory.MEDICATION, AllergyIntoleranceCategory.FOOD);
		assertThat(REGION.ofType(DocumentReference.class)).extracting(d -> d.getType().getCodingFirstRep().getCode())
				.contains("57133-1", "18842-5");
		assertThat(REGION.ofType(Encounter.class)).anySatisfy(e -> {
			assertThat(e.getStatus()).isEqualTo(Encounter.EncounterStatus.INPROGRESS);
			assertThat(e.getLocationFirstRep().getLocation().getReference()).contains("-b");
		});
	}

	@Test
	void eachPersonHasOneInsuranceIdOnAllRecordsAndTheTwinsOnlyLookAlike() {
		Map<String, Set<String>> insuranceByPerson = REGION.ofType(Patient.class).stream().collect(Collectors.groupingBy(
				patient -> patient.getIdPart().substring("demo-pat-".length(), "demo-pat-0000".length()),
				Collectors.mapping(DemoRegionTest::insurance, Collectors.toSet())));
		assertThat(insuranceByPerson).hasSize(60);
		assertThat(insuranceByPerson.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
		assertThat(insuranceByPerson.values().stream().map(ids -> ids.iterator().next()).distinct()).hasSize(60);

		Patient twin = patient("demo-pat-0022-h3");
		Patient otherTwin = patient("demo-pat-0023-h3");
		assertThat(representation(otherTwin, "IDE").getFamily()).isEqualTo(representation(twin, "IDE").getFamily());
		assertThat(representation(otherTwin, "IDE").getGivenAsSingleString()).isNotEqualTo(representation(twin, "IDE").getGivenAsSingleString());
		assertThat(otherTwin.getBirthDateElement().getValueAsString()).isEqualTo(twin.getBirthDateElement().getValueAsString());
		assertThat(otherTwin.getAddressFirstRep().getText()).isEqualTo(twin.getAddressFirstRep().getText());
		assertThat(otherTwin.getTelecomFirstRep().getValue()).isEqualTo(twin.getTelecomFirstRep().getValue());
		assertThat(insurance(otherTwin)).isNotEqualTo(insurance(twin));

		// The hard registrations of one person: half-width kana, hiragana kana, a variant kanji.
		assertThat(representation(patient("demo-pat-0005-c6"), "SYL").getText()).isEqualTo("ｲｼｲ ｼｮｳﾀ");
		assertThat(representation(patient("demo-pat-0009-h1"), "SYL").getText()).isEqualTo("はしもと まさお");
		assertThat(representation(patient("demo-pat-0033-h2"), "IDE").getText()).isEqualTo("渡邊 正男");
	}

	private static Patient patient(String id) {
		return REGION.ofType(Patient.class).stream().filter(patient -> patient.getIdPart().equals(id)).findFirst().orElseThrow();
	}

	private static String insurance(Patient patient) {
		return patient.getIdentifier().stream().filter(identifier -> IdentityCases.INSURANCE_SYSTEM.equals(identifier.getSystem()))
				.map(identifier -> identifier.getValue()).findFirst().orElseThrow();
	}

	@Test
	void consentsShowEveryCase() {
		List<Consent> consents = REGION.ofType(Consent.class);
		Map<String, Patient> patients = REGION.ofType(Patient.class).stream()
				.collect(Collectors.toMap(p -> "Patient/" + p.getIdPart(), Function.identity()));
		Set<String> hospitals = REGION.ofType(Organization.class).stream()
				.filter(o -> o.getTypeFirstRep().getCodingFirstRep().getCode().equals("hospital"))
				.map(o -> "Organization/" + o.getIdPart()).collect(Collectors.toSet());

		// Most people consented at their primary facility, to their other facilities and every hospital.
		assertThat(consents).hasSizeBetween(45, 55);
		assertThat(consents).allSatisfy(consent -> {
			assertThat(consent.getMeta().getProfile().get(0).getValue()).isEqualTo(ConsentGenerator.RENKEI_CONSENT);
			String obtainedBy = consent.getOrganizationFirstRep().getReference();
			assertThat(patients.get(consent.getPatient().getReference()).getManagingOrganization().getReference()).isEqualTo(obtainedBy);
			List<String> actors = consent.getProvision().getActor().stream().map(a -> a.getReference().getReference()).toList();
			assertThat(actors).doesNotContain(obtainedBy).containsAll(hospitals.stream().filter(h -> !h.equals(obtainedBy)).toList());
			assertThat(consent.getPolicyRule().getCodingFirstRep().getCode()).isEqualTo("opt-in-per-facility");
		});
		// Some withdrew; some exclude psychiatric information, and such information is labelled.
		assertThat(consents).filteredOn(c -> c.getStatus() == Consent.ConsentState.INACTIVE).hasSizeBetween(1, 3)
				.allSatisfy(c -> assertThat(c.getExtensionByUrl(ConsentGenerator.WITHDRAWAL)).isNotNull());
		List<Consent> excluding = consents.stream().filter(c -> c.getProvision().hasProvision()).toList();
		assertThat(excluding).isNotEmpty().allSatisfy(c ->
				assertThat(c.getProvision().getProvisionFirstRep().getSecurityLabelFirstRep().getCode()).isEqualTo("PSY"));
		Set<String> labelledPatients = REGION.ofType(Condition.class).stream()
				.filter(c -> c.getMeta().getSecurity().stream().anyMatch(label -> label.getCode().equals("PSY")))
				.map(c -> c.getSubject().getReference()).collect(Collectors.toSet());
		assertThat(labelledPatients).containsExactlyInAnyOrderElementsOf(excluding.stream().map(c -> c.getPatient().getReference()).toList());
		// And some people have none: their records stay at each facility.
		Set<String> consenting = consents.stream().map(c -> c.getPatient().getReference().replaceAll("-[hc]\\d$", "")).collect(Collectors.toSet());
		assertThat(patients.keySet().stream().map(p -> p.replaceAll("-[hc]\\d$", "")).distinct().filter(p -> !consenting.contains(p))).hasSizeGreaterThanOrEqualTo(5);
	}

	@Test
	void inProgressStaysLieInDistinctOccupiedBeds() {
		Map<String, Location> locations = REGION.ofType(Location.class).stream()
				.collect(Collectors.toMap(l -> "Location/" + l.getIdPart(), Function.identity()));
		List<String> beds = REGION.ofType(Encounter.class).stream()
				.filter(e -> e.getStatus() == Encounter.EncounterStatus.INPROGRESS)
				.map(e -> e.getLocationFirstRep().getLocation().getReference())
				.toList();

		assertThat(beds).isNotEmpty().doesNotHaveDuplicates();
		assertThat(beds).allSatisfy(bed -> assertThat(locations.get(bed).getOperationalStatus().getCode()).isEqualTo("O"));
	}

	/** Needed to load the region chunk by chunk with referential integrity enforced. */
	@Test
	void everyReferencePointsAtAnEarlierResource() {
		Set<String> seen = new HashSet<>();
		for (Resource resource : REGION.resources()) {
			assertThat(resource.getIdPart()).startsWith("demo-");
			for (Reference reference : FHIR.newTerser().getAllPopulatedChildElementsOfType(resource, Reference.class)) {
				if (reference.hasReference()) {
					assertThat(seen).as("%s/%s references %s", resource.fhirType(), resource.getIdPart(), reference.getReference())
							.contains(reference.getReference());
				}
			}
			assertThat(seen.add(resource.fhirType() + "/" + resource.getIdPart())).as("unique id").isTrue();
		}
	}

	@Test
	void generationIsDeterministic() {
		IParser parser = FHIR.newJsonParser();
		List<String> first = DemoRegion.generate(60).resources().stream().map(parser::encodeResourceToString).toList();
		List<String> second = DemoRegion.generate(60).resources().stream().map(parser::encodeResourceToString).toList();

		assertThat(second).isEqualTo(first);
	}

	@Test
	void aSmallerRegionIsThePrefixOfALargerOne() {
		IParser parser = FHIR.newJsonParser();
		List<String> small = DemoRegion.generate(20).resources().stream().map(parser::encodeResourceToString).toList();
		List<String> large = REGION.resources().stream().map(parser::encodeResourceToString).toList();

		assertThat(large.subList(0, small.size())).isEqualTo(small);
	}

	private static HumanName representation(Patient patient, String code) {
		return patient.getName().stream()
				.filter(n -> code.equals(n.getExtensionString("http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation")))
				.findFirst().orElseThrow();
	}
}
