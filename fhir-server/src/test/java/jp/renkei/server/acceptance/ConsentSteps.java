package jp.renkei.server.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.datatable.DataTable;
import io.cucumber.java.ParameterType;
import io.cucumber.java.ja.ならば;
import io.cucumber.java.ja.もし;
import io.cucumber.java.ja.前提;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import jp.renkei.server.consent.ConsentIndex;
import jp.renkei.server.consent.ConsentProperties;
import jp.renkei.server.consent.PatientData;
import jp.renkei.server.consent.RegionConsentPolicy;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Specimen;
import org.hl7.fhir.r4.model.StringType;

/**
 * Steps of the consent scenarios (features/consent): facilities are the test-only backend clients
 * {@code test-facility-a|b|c} (src/test/resources/config/application.yaml), each acting for its
 * Organization; they record patients, lab results and consents and read them over real HTTP with
 * their own tokens, so the server's consent enforcement decides what each one sees.
 */
public class ConsentSteps {

	static final String JP_PATIENT = "http://jpfhir.jp/fhir/core/StructureDefinition/JP_Patient";
	static final String JP_ORGANIZATION = "http://jpfhir.jp/fhir/core/StructureDefinition/JP_Organization";
	static final String JP_LAB_RESULT = "http://jpfhir.jp/fhir/core/StructureDefinition/JP_Observation_LabResult";
	static final String JP_SPECIMEN = "http://jpfhir.jp/fhir/core/StructureDefinition/JP_Specimen_Common";
	static final String INSTITUTION_CODE_SYSTEM = "http://jpfhir.jp/fhir/core/IdSystem/insurance-medical-institution-no";
	static final String REPRESENTATION = "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation";

	private final CucumberSpringConfiguration server;
	private final FhirHttp http;
	/** Facility letter (A, B, C) to its name in the scenario. */
	private final Map<String, String> facilityNames = new HashMap<>();
	private final Map<String, String> tokens = new HashMap<>();
	/** What each facility got the last time it looked the patient up (cleared when consent changes). */
	private final Map<String, RecordView> readings = new HashMap<>();
	/** Scenario-unique, so repeated runs on the same database never see each other's patients. */
	private final String run = UUID.randomUUID().toString().substring(0, 8);
	private String holder;
	private String patientId;
	private final List<String> observationIds = new ArrayList<>();
	private Consent consent;
	/** The region's policy in the scenario. */
	private RegionConsentPolicy policy;

	private final PatientData patientData;
	private final ConsentIndex consentIndex;
	/** The policy the test server enforces (renkei.consent.policy; the same for all tests). */
	private final RegionConsentPolicy serverPolicy;

	public ConsentSteps(CucumberSpringConfiguration server, PatientData patientData, ConsentIndex consentIndex,
			ConsentProperties consentProperties) {
		this.server = server;
		this.http = new FhirHttp(server);
		this.patientData = patientData;
		this.consentIndex = consentIndex;
		this.serverPolicy = consentProperties.regionPolicy();
		this.policy = serverPolicy;
	}

	/** A facility of the scenarios: one capital letter. */
	@ParameterType("[A-Z]")
	public String facility(String letter) {
		return letter;
	}

	/** Text in Japanese corner brackets 「…」, without the brackets. */
	@ParameterType("「[^」]*」")
	public String kagi(String quoted) {
		return quoted.substring(1, quoted.length() - 1);
	}

	@前提("地域連携ネットワークに次の医療機関が参加している:")
	public void facilitiesJoinTheRegion(DataTable table) {
		for (Map<String, String> row : table.asMaps()) {
			String letter = row.get("医療機関");
			facilityNames.put(letter, row.get("名称"));
			// The region operator (the suite's client) registers the participating facilities.
			server.fhirClient().update().resource(organization(letter, row.get("名称"))).execute();
		}
	}

	@前提("医療機関{facility}が患者{kagi}を登録し、検査結果を{int}件記録している")
	public void facilityRecordsPatient(String letter, String name, int results) {
		holder = letter;
		Patient patient = new Patient();
		patient.getMeta().addProfile(JP_PATIENT);
		String[] parts = name.split(" ");
		HumanName humanName = patient.addName().setUse(HumanName.NameUse.OFFICIAL).setText(name).setFamily(parts[0]).addGiven(parts[1]);
		humanName.addExtension(REPRESENTATION, new CodeType("IDE"));
		patient.addIdentifier().setSystem("urn:oid:1.2.392.100495.20.3.51.1" + institutionCode(letter)).setValue("consent-" + run);
		patient.setGender(Enumerations.AdministrativeGender.FEMALE);
		patient.setBirthDateElement(new DateType("1950-04-01"));
		patient.setManagingOrganization(new Reference(organizationId(letter)));
		patientId = http.write(token(letter), patient).getIdElement().getIdPart();
		Specimen blood = new Specimen();
		blood.getMeta().addProfile(JP_SPECIMEN);
		blood.setStatus(Specimen.SpecimenStatus.AVAILABLE);
		blood.setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v2-0487", "BLD", "Whole blood")).setText("全血"));
		blood.setSubject(new Reference("Patient/" + patientId));
		blood.getCollection().setCollected(new DateTimeType("2026-10-01T08:30:00+09:00"));
		String specimenId = http.write(token(letter), blood).getIdElement().getIdPart();
		for (int i = 0; i < results; i++) {
			observationIds.add(http.write(token(letter), labResult(letter, i, specimenId)).getIdElement().getIdPart());
		}
	}

	@前提("患者が医療機関{facility}だけへの共有に同意している")
	public void consentForOneFacility(String letter) {
		recordConsent(Consent.ConsentState.ACTIVE, Consent.ConsentProvisionType.PERMIT, List.of(letter));
	}

	@前提("患者が医療機関{facility}と医療機関{facility}への共有に同意している")
	public void consentForTwoFacilities(String first, String second) {
		recordConsent(Consent.ConsentState.ACTIVE, Consent.ConsentProvisionType.PERMIT, List.of(first, second));
	}

	@前提("患者が医療機関を指定せずに地域での共有に同意している")
	public void consentForTheRegion() {
		recordConsent(Consent.ConsentState.ACTIVE, Consent.ConsentProvisionType.PERMIT, List.of());
	}

	@前提("患者は同意も拒否もしていない")
	public void noConsent() {
		Bundle consents = server.fhirClient().search().byUrl("Consent?patient=Patient/" + patientId).returnBundle(Bundle.class).execute();
		assertThat(consents.getEntry()).isEmpty();
	}

	@前提("地域の同意方針が{kagi}である")
	public void regionPolicy(String name) {
		policy = switch (name) {
			case "個別同意" -> RegionConsentPolicy.OPT_IN_PER_FACILITY;
			case "包括同意" -> RegionConsentPolicy.OPT_IN_COMPREHENSIVE;
			case "オプトアウト" -> RegionConsentPolicy.OPT_OUT;
			default -> throw new IllegalArgumentException("unknown consent policy " + name);
		};
	}

	@もし("患者の申し出により、医療機関{facility}が同意に医療機関{facility}を追加する")
	public void addFacility(String author, String added) {
		assertThat(author).isEqualTo(holder);
		// The consent workflow: a new version of the same Consent with the facility in provision.actor.
		Parameters parameters = new Parameters();
		parameters.addParameter().setName("organization").setValue(new Reference(organizationId(added)));
		consent = operation(author, "/Consent/" + consent.getIdElement().getIdPart() + "/$add-facility", parameters);
		assertThat(consent.getProvision().getActor()).anySatisfy(actor ->
				assertThat(actor.getReference().getReference()).isEqualTo(organizationId(added)));
		readings.clear();
	}

	@もし("患者の申し出により、医療機関{facility}が同意の撤回を記録する")
	public void withdraw(String author) {
		assertThat(author).isEqualTo(holder);
		Parameters parameters = new Parameters();
		parameters.addParameter().setName("reason").setValue(new StringType("患者本人の申し出による撤回"));
		consent = operation(author, "/Consent/" + consent.getIdElement().getIdPart() + "/$withdraw", parameters);
		assertThat(consent.getStatus()).isEqualTo(Consent.ConsentState.INACTIVE);
		readings.clear();
	}

	@もし("患者の申し出により、医療機関{facility}が共有の拒否（オプトアウト）を記録する")
	public void optOut(String author) {
		assertThat(author).isEqualTo(holder);
		recordConsent(Consent.ConsentState.ACTIVE, Consent.ConsentProvisionType.DENY, List.of());
	}

	@もし("医療機関{facility}が患者の記録を照会する")
	public void facilityLooksUp(String letter) {
		readings.put(letter, reading(letter));
	}

	@ならば("医療機関{facility}には患者の記録が何も見えない")
	public void facilitySeesNothing(String letter) {
		latestReading(letter).assertNothingVisible();
	}

	@ならば("医療機関{facility}には患者と検査結果{int}件が見える")
	public void facilitySeesRecord(String letter, int results) {
		assertThat(observationIds).hasSize(results);
		latestReading(letter).assertVisible(observationIds);
	}

	// ------------------------------------------------------------ for the emergency-access steps

	String patientId() {
		return patientId;
	}

	List<String> observationIds() {
		return observationIds;
	}

	FhirHttp http() {
		return http;
	}

	CucumberSpringConfiguration server() {
		return server;
	}

	// ------------------------------------------------------------ helpers

	/** The reading of this step if the facility just looked the patient up, else a fresh one. */
	private RecordView latestReading(String letter) {
		RecordView reading = readings.remove(letter);
		return reading != null ? reading : reading(letter);
	}

	/**
	 * Under the server's policy, the facility's own requests over HTTP; under another policy of the
	 * scenario, the server's decision components with that policy ({@link PolicyDecisions}).
	 */
	private RecordView reading(String letter) {
		if (policy == serverPolicy) {
			return PatientRecordReading.read(http, token(letter), patientId, observationIds, Map.of());
		}
		token(letter);
		PolicyDecisions decisions = new PolicyDecisions(patientData, consentIndex, policy);
		String organization = organizationId(letter);
		Patient patient = server.fhirClient().read().resource(Patient.class).withId(patientId).execute();
		List<String> visible = observationIds.stream()
				.filter(id -> decisions.visible(server.fhirClient().read().resource(Observation.class).withId(id).execute(), organization))
				.toList();
		return new PolicyDecisions.View(decisions.visible(patient, organization), visible);
	}

	private Consent operation(String letter, String path, Parameters parameters) {
		HttpResponse<String> response = http.send(token(letter), "POST", path, parameters, Map.of());
		assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
		return (Consent) FhirHttp.parse(response.body());
	}

	private void recordConsent(Consent.ConsentState status, Consent.ConsentProvisionType type, List<String> facilities) {
		Consent recorded = new Consent();
		recorded.setStatus(status);
		recorded.setScope(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", "Privacy Consent")));
		recorded.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", "Patient Consent")));
		recorded.setPatient(new Reference("Patient/" + patientId));
		recorded.setDateTime(new Date());
		recorded.addOrganization(new Reference(organizationId(holder)));
		recorded.setPolicyRule(new CodeableConcept(new Coding(RegionConsentPolicy.SYSTEM, policy.code(), null)));
		Consent.ProvisionComponent provision = recorded.getProvision();
		provision.setType(type);
		provision.setPeriod(new Period().setStart(Date.from(Instant.now().minus(1, ChronoUnit.DAYS))));
		facilities.forEach(letter -> provision.addActor(actor(letter)));
		consent = http.write(token(holder), recorded);
		readings.clear();
	}

	private Consent.provisionActorComponent actor(String letter) {
		return new Consent.provisionActorComponent()
				.setRole(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", "information recipient")))
				.setReference(new Reference(organizationId(letter)));
	}

	private Observation labResult(String letter, int i, String specimenId) {
		Observation observation = new Observation();
		observation.getMeta().addProfile(JP_LAB_RESULT);
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.addCategory(new CodeableConcept(
				new Coding("http://jpfhir.jp/fhir/core/CodeSystem/JP_SimpleObservationCategory_CS", "laboratory", "Laboratory")));
		observation.setCode(new CodeableConcept()
				.addCoding(new Coding("http://medis.or.jp/CodeSystem/master-JLAC10-17digits", "3D010000001926201", "血糖"))
				.addCoding(new Coding("http://jpfhir.jp/fhir/clins/CodeSystem/JLAC10/JP_CLINS_ObsLabResult_CoreLabo_CS", "3D010000001926201", "BS"))
				.setText("血糖"));
		observation.setSubject(new Reference("Patient/" + patientId));
		observation.setEffective(new DateTimeType(String.format(Locale.ROOT, "2026-10-%02dT08:30:00+09:00", 1 + i)));
		observation.setIssuedElement(new InstantType(String.format(Locale.ROOT, "2026-10-%02dT10:05:00+09:00", 1 + i)));
		observation.addPerformer(new Reference(organizationId(letter)));
		observation.setSpecimen(new Reference("Specimen/" + specimenId));
		observation.setValue(new Quantity().setValue(new BigDecimal(90 + i)).setUnit("mg/dL")
				.setSystem("http://unitsofmeasure.org").setCode("mg/dL"));
		return observation;
	}

	private static Organization organization(String letter, String name) {
		Organization organization = new Organization();
		organization.setId(organizationId(letter));
		organization.getMeta().addProfile(JP_ORGANIZATION);
		organization.addIdentifier().setSystem(INSTITUTION_CODE_SYSTEM).setValue(institutionCode(letter));
		organization.addExtension("http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_Organization_PrefectureNo",
				new Coding("http://jpfhir.jp/fhir/core/mhlw/CodeSystem/PrefectureNo-2digits", "12", null));
		organization.setName(name);
		organization.addAddress().setText("千葉県千葉市中央区").setState("千葉県").setCity("千葉市中央区").setCountry("JPN");
		return organization;
	}

	/** {@code Organization/test-facility-a}: the organization of the test-only client {@code test-facility-a}. */
	static String organizationId(String letter) {
		return "Organization/" + clientId(letter);
	}

	static String clientId(String letter) {
		return "test-facility-" + letter.toLowerCase(Locale.ROOT);
	}

	/** A 10-digit medical institution code (prefecture 12, Chiba) per facility letter. */
	private static String institutionCode(String letter) {
		return "121" + String.format(Locale.ROOT, "%07d", 9_800_000 + letter.charAt(0));
	}

	/** The facility's backend-system token (fetched once per scenario; tokens live five minutes). */
	String token(String letter) {
		assertThat(facilityNames).as("facility %s takes part in the scenario", letter).containsKey(letter);
		return tokens.computeIfAbsent(letter, l -> http.facilityToken(clientId(l), "system/*.cruds"));
	}

	/** For the emergency scenarios: the facility letters and their names. */
	Map<String, String> facilities() {
		return new LinkedHashMap<>(facilityNames);
	}
}
