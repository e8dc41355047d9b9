package jp.renkei.server.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import io.cucumber.java.ja.ならば;
import io.cucumber.java.ja.もし;
import io.cucumber.java.ja.前提;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

/** Steps for patient registration and regional search, over real HTTP with a FHIR client. */
public class PatientRegistrationSteps {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final String JP_PATIENT = "http://jpfhir.jp/fhir/core/StructureDefinition/JP_Patient";
	private static final String JP_ORGANIZATION = "http://jpfhir.jp/fhir/core/StructureDefinition/JP_Organization";
	private static final String INSTITUTION_CODE_SYSTEM = "http://jpfhir.jp/fhir/core/IdSystem/insurance-medical-institution-no";
	private static final String REPRESENTATION = "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation";

	private final CucumberSpringConfiguration server;
	private final Map<String, String> facilityIds = new HashMap<>();
	private final Map<String, String> facilityCodes = new HashMap<>();
	/** Scenario-unique suffix so repeated runs on the same database do not see each other's patients. */
	private final String run = UUID.randomUUID().toString().substring(0, 8);
	private int lastStatus;
	private String lastOutcome = "";
	private List<Patient> found = List.of();

	public PatientRegistrationSteps(CucumberSpringConfiguration server) {
		this.server = server;
	}

	@前提("医療機関 {string} が地域に参加している")
	public void facilityJoinsTheRegion(String name) {
		String code = "12" + "1" + String.format("%07d", Math.abs((name + run).hashCode()) % 10_000_000);
		Organization organization = new Organization();
		organization.getMeta().addProfile(JP_ORGANIZATION);
		organization.addIdentifier().setSystem(INSTITUTION_CODE_SYSTEM).setValue(code);
		organization.addExtension("http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_Organization_PrefectureNo",
				new Coding("http://jpfhir.jp/fhir/core/mhlw/CodeSystem/PrefectureNo-2digits", "12", null));
		organization.setName(name);
		organization.addAddress().setText("千葉県千葉市中央区").setState("千葉県").setCity("千葉市中央区").setCountry("JPN");
		String id = client().create().resource(organization).execute().getId().getIdPart();
		facilityIds.put(name, id);
		facilityCodes.put(name, code);
	}

	@もし("{string} が患者 {string}（カナ {string}、{word}、生年月日 {string}）を JP Core の患者として登録する")
	public void facilityRegistersPatient(String facility, String kanjiName, String kanaName, String sex, String birthDate) {
		Patient patient = patient(facility, kanjiName, kanaName, sex, birthDate);
		patient.addIdentifier(new Identifier()
				.setSystem("urn:oid:1.2.392.100495.20.3.51.1" + facilityCodes.get(facility))
				.setValue(run + "-" + Math.abs(kanjiName.hashCode())));
		register(patient);
	}

	@もし("{string} が患者番号のない患者 {string} を登録しようとする")
	public void facilityRegistersPatientWithoutIdentifier(String facility, String kanjiName) {
		register(patient(facility, kanjiName, null, "男性", "1960-01-01"));
	}

	@ならば("登録は受け付けられる")
	public void registrationAccepted() {
		assertThat(lastStatus).as(lastOutcome).isEqualTo(201);
	}

	@ならば("登録は {int} で拒否され、理由に {string} が含まれる")
	public void registrationRejected(int status, String reason) {
		assertThat(lastStatus).isEqualTo(status);
		assertThat(lastOutcome).contains(reason);
	}

	@もし("{string} がカナ氏名 {string} と生年月日 {string} で患者を検索する")
	public void searchByKanaAndBirthDate(String facility, String kanaName, String birthDate) {
		found = search("name=" + encode(kanaName) + "&birthdate=" + birthDate);
	}

	@もし("{string} が氏名 {string} で患者を検索する")
	public void searchByName(String facility, String name) {
		found = search("name=" + encode(name));
	}

	@ならば("患者 {string} が {int} 件見つかる")
	public void patientFound(String kanjiName, int count) {
		List<Patient> mine = found.stream().filter(p -> kanjiOf(p).equals(kanjiName)).filter(this::managedByThisRunsFacility).toList();
		assertThat(mine).hasSize(count);
		found = mine;
	}

	@ならば("見つかった患者の管理医療機関は {string} である")
	public void managingOrganizationIs(String facility) {
		assertThat(found.get(0).getManagingOrganization().getReferenceElement().getIdPart()).isEqualTo(facilityIds.get(facility));
	}

	@ならば("{string} が氏名 {string} で検索しても患者は見つからない")
	public void nobodyFinds(String facility, String kanjiName) {
		List<Patient> result = search("family=" + encode(kanjiName.split(" ")[0]) + "&given=" + encode(kanjiName.split(" ")[1]));
		assertThat(result.stream().filter(this::managedByThisRunsFacility)).isEmpty();
	}

	private Patient patient(String facility, String kanjiName, String kanaName, String sex, String birthDate) {
		Patient patient = new Patient();
		patient.getMeta().addProfile(JP_PATIENT);
		addName(patient, kanjiName, "IDE");
		if (kanaName != null) {
			addName(patient, kanaName, "SYL");
		}
		patient.setGender("女性".equals(sex) ? Enumerations.AdministrativeGender.FEMALE : Enumerations.AdministrativeGender.MALE);
		patient.setBirthDateElement(new DateType(birthDate));
		patient.setManagingOrganization(new Reference("Organization/" + facilityIds.get(facility)));
		return patient;
	}

	private static void addName(Patient patient, String fullName, String representation) {
		String[] parts = fullName.split(" ");
		HumanName name = patient.addName().setUse(HumanName.NameUse.USUAL).setText(fullName).setFamily(parts[0]).addGiven(parts[1]);
		name.addExtension(REPRESENTATION, new CodeType(representation));
	}

	private void register(Patient patient) {
		try {
			client().create().resource(patient).execute();
			lastStatus = 201;
			lastOutcome = "";
		} catch (BaseServerResponseException e) {
			lastStatus = e.getStatusCode();
			lastOutcome = e.getOperationOutcome() == null ? e.getMessage()
					: FHIR.newJsonParser().encodeResourceToString((OperationOutcome) e.getOperationOutcome());
		}
	}

	private List<Patient> search(String query) {
		Bundle bundle = client().search().byUrl("Patient?" + query + "&_count=100").returnBundle(Bundle.class).execute();
		return bundle.getEntry().stream().map(e -> (Patient) e.getResource()).toList();
	}

	private boolean managedByThisRunsFacility(Patient patient) {
		return facilityIds.containsValue(patient.getManagingOrganization().getReferenceElement().getIdPart());
	}

	private static String kanjiOf(Patient patient) {
		return patient.getName().stream()
				.filter(n -> n.getExtensionByUrl(REPRESENTATION) != null
						&& "IDE".equals(((CodeType) n.getExtensionByUrl(REPRESENTATION).getValue()).getValue()))
				.map(HumanName::getText).findFirst().orElse("");
	}

	private IGenericClient client() {
		return server.fhirClient();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
