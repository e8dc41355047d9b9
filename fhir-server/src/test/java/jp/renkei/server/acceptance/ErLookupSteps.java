package jp.renkei.server.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.cucumber.java.ja.かつ;
import io.cucumber.java.ja.ならば;
import io.cucumber.java.ja.もし;
import io.cucumber.java.ja.前提;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.renkei.server.consent.RegionConsentPolicy;
import jp.renkei.server.demo.DemoRegion;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Steps of the ER lookup scenarios (features/er/救急照会.feature): the facilities of the consent
 * scenarios register one person each, the emergency physician of the emergency scenarios
 * ({@code test-doctor}, Organization/demo-org-h1) searches with {@code Patient/$match} and opens
 * {@code Patient/{id}/$summary}, all over real HTTP with real tokens.
 */
public class ErLookupSteps {

	private static final String JP_ALLERGY = "http://jpfhir.jp/fhir/core/StructureDefinition/JP_AllergyIntolerance";

	private final ConsentSteps region;
	private final EmergencyAccessSteps emergency;
	private final String run = UUID.randomUUID().toString().substring(0, 8);
	/** The person's record at each facility (letter to Patient id). */
	private final Map<String, String> records = new LinkedHashMap<>();
	private List<String> candidates = List.of();
	private HttpResponse<String> summary;

	public ErLookupSteps(ConsentSteps region, EmergencyAccessSteps emergency) {
		this.region = region;
		this.emergency = emergency;
	}

	@前提("患者{kagi}（カナ{kagi}、生年月日 {word}）が医療機関{facility}と医療機関{facility}に登録されている")
	public void personRegisteredAtTwoFacilities(String kanji, String kana, String birthDate, String first, String second) {
		for (String letter : List.of(first, second)) {
			Patient patient = new Patient();
			patient.getMeta().addProfile(ConsentSteps.JP_PATIENT);
			String[] kanjiParts = kanji.split(" ");
			String[] kanaParts = kana.split(" ");
			patient.addName().setUse(HumanName.NameUse.OFFICIAL).setText(kanji).setFamily(kanjiParts[0]).addGiven(kanjiParts[1])
					.addExtension(ConsentSteps.REPRESENTATION, new CodeType("IDE"));
			patient.addName().setUse(HumanName.NameUse.OFFICIAL).setText(kana).setFamily(kanaParts[0]).addGiven(kanaParts[1])
					.addExtension(ConsentSteps.REPRESENTATION, new CodeType("SYL"));
			// The facility's patient-number system: JP Core's OID arc with a 10-digit facility number.
			patient.addIdentifier().setSystem("urn:oid:1.2.392.100495.20.3.51.1" + (1_200_000_000L + letter.charAt(0)))
					.setValue("er-" + letter + "-" + run);
			patient.setGender(kanji.endsWith("子") ? Enumerations.AdministrativeGender.FEMALE : Enumerations.AdministrativeGender.MALE);
			patient.setBirthDateElement(new DateType(birthDate));
			patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("043-200-" + Math.abs(kanji.hashCode() % 10000));
			patient.setManagingOrganization(new Reference(ConsentSteps.organizationId(letter)));
			records.put(letter, region.http().write(region.token(letter), patient).getIdElement().getIdPart());
		}
	}

	@前提("医療機関{facility}が患者の食物アレルギー{kagi}を記録している")
	public void foodAllergy(String letter, String allergen) {
		region.http().write(region.token(letter), allergy(letter, allergen, AllergyIntolerance.AllergyIntoleranceCategory.FOOD));
	}

	@前提("医療機関{facility}が患者の薬剤禁忌{kagi}を記録している")
	public void drugContraindication(String letter, String drug) {
		region.http().write(region.token(letter), allergy(letter, drug, AllergyIntolerance.AllergyIntoleranceCategory.MEDICATION));
	}

	@前提("患者が医療機関{facility}と医療機関{facility}の記録を救急病院に共有することに同意している")
	public void consentsToTheEmergencyHospital(String first, String second) {
		ensureEmergencyHospital();
		for (String letter : List.of(first, second)) {
			Consent consent = new Consent();
			consent.setStatus(Consent.ConsentState.ACTIVE);
			consent.setScope(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", null)));
			consent.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", null)));
			consent.setPatient(new Reference("Patient/" + records.get(letter)));
			consent.setDateTime(new Date());
			consent.addOrganization(new Reference(ConsentSteps.organizationId(letter)));
			consent.setPolicyRule(new CodeableConcept(new Coding(RegionConsentPolicy.SYSTEM, "opt-in-per-facility", null)));
			consent.getProvision().setType(Consent.ConsentProvisionType.PERMIT).addActor()
					.setRole(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", null)))
					.setReference(new Reference(EmergencyAccessSteps.doctorOrganization()));
			region.http().write(region.token(letter), consent);
		}
	}

	@もし("救急医がひらがな{kagi}と生年月日{kagi}で患者を検索する")
	public void search(String hiragana, String birthDate) {
		Patient wanted = new Patient();
		wanted.addName().setText(hiragana).addExtension(ConsentSteps.REPRESENTATION, new CodeType("SYL"));
		wanted.setBirthDateElement(new DateType(birthDate));
		Parameters parameters = new Parameters();
		parameters.addParameter().setName("resource").setResource(wanted);
		parameters.addParameter().setName("count").setValue(new IntegerType(10));
		HttpResponse<String> response = region.http().send(emergency.doctorToken(), "POST", "/Patient/$match", parameters, Map.of());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		candidates = ((Bundle) FhirHttp.parse(response.body())).getEntry().stream()
				.filter(e -> e.getResource() instanceof Patient).map(e -> e.getResource().getIdElement().getIdPart()).toList();
	}

	@ならば("医療機関{facility}と医療機関{facility}の患者記録が候補として見つかる")
	public void bothRecordsFound(String first, String second) {
		assertThat(candidates).contains(records.get(first), records.get(second));
	}

	@ならば("患者記録は候補として見つからない")
	public void noRecordFound() {
		assertThat(candidates).doesNotContainAnyElementsOf(records.values());
	}

	@もし("救急医が医療機関{facility}の患者記録の救急サマリーを開く")
	public void openSummary(String letter) {
		summary = region.http().get(emergency.doctorToken(), "/Patient/" + records.get(letter) + "/$summary", Map.of());
	}

	@もし("救急医が理由{kagi}を記入して医療機関{facility}の患者記録の救急サマリーを開く")
	public void openSummaryInEmergency(String reason, String letter) {
		String patient = records.get(letter);
		summary = region.http().get(emergency.doctorToken(), "/Patient/" + patient + "/$summary", Map.of(
				"X-Purpose-Of-Use", "BTG", "X-Emergency-Patient", "Patient/" + patient,
				"X-Emergency-Reason", URLEncoder.encode(reason, StandardCharsets.UTF_8).replace("+", "%20")));
	}

	@ならば("救急サマリーは見つからないと答えられ、患者の情報は何も返らない")
	public void summaryNotFound() {
		assertThat(summary.statusCode()).isEqualTo(404);
		assertThat(FhirHttp.parse(summary.body()).fhirType()).isEqualTo("OperationOutcome");
		assertThat(summary.body()).doesNotContain("キュウキュウ", "救急 ", "er-A-" + run);
	}

	@ならば("アレルギーに{kagi}が医療機関{facility}の記録として表示される")
	public void allergyShown(String allergen, String letter) {
		assertShown("allergies", allergen, letter);
	}

	@かつ("薬剤禁忌に{kagi}が医療機関{facility}の記録として表示される")
	public void contraindicationShown(String drug, String letter) {
		assertShown("contraindications", drug, letter);
	}

	private void assertShown(String section, String text, String letter) {
		assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
		Bundle document = (Bundle) FhirHttp.parse(summary.body());
		Composition composition = (Composition) document.getEntryFirstRep().getResource();
		Composition.SectionComponent found = composition.getSection().stream()
				.filter(s -> s.getCode().getCoding().stream().anyMatch(c -> section.equals(c.getCode()))).findFirst().orElseThrow();
		List<AllergyIntolerance> items = found.getEntry().stream().map(reference -> document.getEntry().stream()
				.map(Bundle.BundleEntryComponent::getResource)
				.filter(r -> (r.fhirType() + "/" + r.getIdElement().getIdPart()).equals(reference.getReference()))
				.findFirst().orElseThrow()).map(AllergyIntolerance.class::cast).toList();
		assertThat(items).anySatisfy(item -> {
			assertThat(item.getCode().getText()).isEqualTo(text);
			String holder = item.getMeta().getTag().stream()
					.filter(t -> "http://renkei.example.jp/fhir/CodeSystem/holding-facility".equals(t.getSystem()))
					.findFirst().orElseThrow().getCode();
			assertThat("Organization/" + holder).isEqualTo(ConsentSteps.organizationId(letter));
			Organization facility = document.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
					.filter(Organization.class::isInstance).map(Organization.class::cast)
					.filter(o -> o.getIdElement().getIdPart().equals(holder)).findFirst().orElseThrow();
			assertThat(facility.getName()).isEqualTo(region.facilities().get(letter));
		});
	}

	private AllergyIntolerance allergy(String letter, String text, AllergyIntolerance.AllergyIntoleranceCategory category) {
		AllergyIntolerance allergy = new AllergyIntolerance();
		allergy.getMeta().addProfile(JP_ALLERGY);
		allergy.setClinicalStatus(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active", null)));
		allergy.setVerificationStatus(new CodeableConcept(
				new Coding("http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", "confirmed", null)));
		allergy.addCategory(category);
		allergy.setCriticality(AllergyIntolerance.AllergyIntoleranceCriticality.HIGH);
		allergy.setCode(new CodeableConcept().setText(text));
		allergy.setPatient(new Reference("Patient/" + records.get(letter)));
		allergy.setRecordedDateElement(new DateTimeType("2025-04-01"));
		return allergy;
	}

	/** The emergency physician's hospital as the demo region defines it, registered if this database lacks it. */
	private void ensureEmergencyHospital() {
		String id = EmergencyAccessSteps.doctorOrganization().substring("Organization/".length());
		try {
			region.server().fhirClient().read().resource(Organization.class).withId(id).execute();
		} catch (ResourceNotFoundException absent) {
			Resource hospital = DemoRegion.generate(1).ofType(Organization.class).stream()
					.filter(o -> o.getIdElement().getIdPart().equals(id)).findFirst().orElseThrow();
			region.server().fhirClient().update().resource(hospital).execute();
		}
	}
}
