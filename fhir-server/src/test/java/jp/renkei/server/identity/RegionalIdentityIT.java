package jp.renkei.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import jp.renkei.server.AbstractServerIT;
import jp.renkei.server.JpCoreExamples;
import jp.renkei.server.access.AbstractAccessIT;
import jp.renkei.server.audit.AuditJournal;
import jp.renkei.server.audit.AuditMaterializer;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One person registered at two facilities, A and B, over real HTTP with real tokens: the two records
 * are linked as they are stored, {@code $match} finds them by kana and birth date or by insurance id
 * (only what consent lets the caller see), and reviewers separate and rejoin them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegionalIdentityIT extends AbstractAccessIT {

	private static final String KANA = "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation";

	@Autowired
	RegionalIdentity identity;
	@Autowired
	AuditMaterializer materializer;
	@Autowired
	AuditJournal journal;
	@Autowired
	IdentityLinker linker;
	@Autowired
	javax.sql.DataSource dataSource;

	private final String run = UUID.randomUUID().toString().substring(0, 8);
	private final String orgA = "ident-org-a-" + run;
	private final String orgB = "ident-org-b-" + run;
	private final String recordA = "ident-pat-a-" + run;
	private final String recordB = "ident-pat-b-" + run;
	/** Another registration at A with the same kana name and birth date, another phone and kanji: a possible match only. */
	private final String recordC = "ident-pat-c-" + run;
	/** A kana given name only this run's person has, e.g. ヤマダ カキクケ. */
	private final String givenKana = kanaOf(run);
	private final String birthDate;
	private final String insurance;

	private String regionOperator;
	private String doctorB;
	private String officerA;
	private String officerB;

	RegionalIdentityIT() {
		Random random = new Random(run.hashCode());
		birthDate = "%d-%02d-%02d".formatted(1920 + random.nextInt(80), 1 + random.nextInt(12), 1 + random.nextInt(28));
		insurance = "06%06d:い・%d:%d:01".formatted(random.nextInt(1_000_000), random.nextInt(100), random.nextInt(100_000));
	}

	@BeforeAll
	void storeOnePersonAtTwoFacilities() {
		regionOperator = tokens().facility("test-region-operator", "Organization/" + orgA, "system/*.rs");
		doctorB = tokens().user("ident-doctor-b-" + run, "Practitioner/jp-practitioner-example-male-1", "Organization/" + orgB,
				List.of(), "user/*.rs");
		officerA = tokens().user("ident-officer-a-" + run, "Practitioner/jp-practitioner-example-male-1", "Organization/" + orgA,
				List.of("privacy-officer"), "user/*.rs");
		officerB = tokens().user("ident-officer-b-" + run, "Practitioner/jp-practitioner-example-male-1", "Organization/" + orgB,
				List.of("privacy-officer"), "user/*.rs");
		client().transaction().withBundle(JpCoreExamples.asTransaction()).execute();
		client().update().resource(organization(orgA, "名寄せテスト病院A")).execute();
		client().update().resource(organization(orgB, "名寄せテスト医院B")).execute();
		// A registers the name in full-width katakana with a hyphenated phone; B in half-width kana.
		client().update().resource(patient(recordA, orgA, "ヤマダ " + givenKana, "047-111-2233")).execute();
		client().update().resource(patient(recordB, orgB, halfWidth("ヤマダ " + givenKana), "0471112233")).execute();
		Patient lookAlike = patient(recordC, orgA, "ヤマダ " + givenKana, "0479990000");
		lookAlike.getIdentifier().removeIf(identifier -> IdentityEvidence.INSURANCE_SYSTEM.equals(identifier.getSystem()));
		lookAlike.getName().get(0).setText("山田 別人" + run);
		client().update().resource(lookAlike).execute();
	}

	@Test
	void theTwoFacilityRecordsOfOnePersonAreLinked() {
		assertThat(identity.linkedRecords(recordA)).containsExactly(recordA, recordB);
		assertThat(identity.linkedRecords(recordB)).containsExactly(recordB, recordA);
		assertThat(identity.personOf(recordA)).isPresent().isEqualTo(identity.personOf(recordB));
		assertThat(identity.personOf(recordA).orElseThrow()).startsWith("rp-");
		assertThat(identity.personOf(recordC)).isPresent().isNotEqualTo(identity.personOf(recordA));
		assertThat(identity.linkedRecords("ident-never-stored-" + run)).containsExactly("ident-never-stored-" + run);
		assertThat(identity.personOf("ident-never-stored-" + run)).isEmpty();
	}

	@Test
	void matchByHiraganaAndBirthDateFindsBothRecordsScoredAndGraded() {
		Bundle found = bundle(match(regionOperator, byKana(hiragana("やまだ " + givenKana)), null));
		assertThat(found.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
		// Both records of the person, and the look-alike registration as another person.
		assertThat(ids(found)).containsExactlyInAnyOrder(recordA, recordB, recordC);
		assertThat(found.getEntry()).allSatisfy(entry -> {
			assertThat(entry.getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.MATCH);
			assertThat(entry.getSearch().getScore().doubleValue()).isBetween(0.6, 1.0);
			assertThat(((CodeType) entry.getSearch().getExtensionByUrl(MatchGrade.EXTENSION).getValue()).getValue())
					.isIn("certain", "probable");
			assertThat(entry.getFullUrl()).endsWith("/Patient/" + entry.getResource().getIdPart());
		});
	}

	@Test
	void aFacilityUserWithoutConsentSeesOnlyItsOwnRecord() {
		HttpResponse<String> response = match(doctorB, byKana("ヤマダ " + givenKana), null);
		Bundle found = bundle(response);
		assertThat(ids(found)).containsExactly(recordB);
		assertThat(found.hasTotal()).isFalse();
		assertThat(response.body()).doesNotContain(recordA).doesNotContain(orgA);
		// By insurance id too: the certain match of A's record stays invisible.
		HttpResponse<String> byInsurance = match(doctorB, byInsurance(insurance), null);
		assertThat(ids(bundle(byInsurance))).containsExactly(recordB);
		assertThat(byInsurance.body()).doesNotContain(recordA);
	}

	@Test
	void matchByInsuranceIdIsCertain() {
		Bundle found = bundle(match(regionOperator, byInsurance(insurance), null));
		assertThat(ids(found)).containsExactlyInAnyOrder(recordA, recordB);
		assertThat(found.getEntry()).allSatisfy(entry ->
				assertThat(((CodeType) entry.getSearch().getExtensionByUrl(MatchGrade.EXTENSION).getValue()).getValue()).isEqualTo("certain"));
		Bundle one = bundle(match(regionOperator, byInsurance(insurance), 1));
		assertThat(one.getEntry()).hasSize(1);
		// Kana and birth date are not certain on their own; the insurance id is.
		assertThat(bundle(match(regionOperator, byKana("ヤマダ " + givenKana), null, true)).getEntry()).isEmpty();
		assertThat(ids(bundle(match(regionOperator, byInsurance(insurance), null, true)))).containsExactlyInAnyOrder(recordA, recordB);
	}

	@Test
	void identityShowsTheLinkedRecordsAndThePossibleMatches() {
		// The region operator reviews the whole region ...
		Parameters ofA = resource(getWith(regionOperator, "/Patient/" + recordA + "/$identity"), Parameters.class);
		assertThat(((org.hl7.fhir.r4.model.Identifier) ofA.getParameter("person").getValue()).getValue())
				.isEqualTo(identity.personOf(recordA).orElseThrow());
		assertThat(linkedIds(ofA)).containsExactly(recordA, recordB);
		// ... a facility's privacy officer only what consent lets it see: B's record (no consent for A) is left out.
		var byOfficer = getWith(officerA, "/Patient/" + recordA + "/$identity");
		assertThat(linkedIds(resource(byOfficer, Parameters.class))).containsExactly(recordA);
		assertThat(byOfficer.body()).doesNotContain(recordB).doesNotContain("Organization/" + orgB);
		// and cannot link a record it may not see: answered like an unknown id.
		var hiddenLink = withToken(officerA, "POST", "/Patient/" + recordA + "/$link",
				json(new Parameters().addParameter("other", new Reference("Patient/" + recordB))));
		assertThat(hiddenLink.statusCode()).isEqualTo(404);
		ofA = resource(byOfficer, Parameters.class);
		assertThat(ofA.getParameters("link")).allSatisfy(link ->
				assertThat(((CodeType) part(link, "kind")).getValue()).isIn("new", "auto", "confirmed"));
		assertThat(ofA.getParameters("possibleMatch")).singleElement().satisfies(possible -> {
			assertThat(((Reference) part(possible, "record")).getReference()).isEqualTo("Patient/" + recordC);
			assertThat(((Reference) part(possible, "facility")).getReference()).isEqualTo("Organization/" + orgA);
			assertThat(((CodeType) part(possible, "grade")).getValue()).isIn("probable", "possible");
		});
	}

	@Test
	void unlinkSeparatesForGoodAndLinkRejoins() {
		Parameters separated = resource(withToken(officerB, "POST", "/Patient/" + recordB + "/$unlink",
				json(new Parameters())), Parameters.class);
		assertThat(linkedIds(separated)).containsExactly(recordB);
		assertThat(identity.linkedRecords(recordA)).containsExactly(recordA);
		assertThat(identity.personOf(recordA)).isNotEqualTo(identity.personOf(recordB));
		// $match still finds both records, now as two persons; $identity no longer offers the separated record.
		assertThat(ids(bundle(match(regionOperator, byInsurance(insurance), null)))).containsExactlyInAnyOrder(recordA, recordB);
		Parameters ofA = resource(getWith(officerA, "/Patient/" + recordA + "/$identity"), Parameters.class);
		assertThat(linkedIds(ofA)).containsExactly(recordA);
		assertThat(ofA.getParameters("possibleMatch")).extracting(possible -> ((Reference) part(possible, "record")).getReference())
				.containsExactly("Patient/" + recordC);

		// B's record changes: it is not linked back automatically.
		client().update().resource(patient(recordB, orgB, halfWidth("ヤマダ " + givenKana), "0471112233")).execute();
		assertThat(identity.linkedRecords(recordA)).containsExactly(recordA);

		Parameters rejoined = resource(withToken(regionOperator, "POST", "/Patient/" + recordA + "/$link",
				json(new Parameters().addParameter("other", new Reference("Patient/" + recordB)))), Parameters.class);
		assertThat(linkedIds(rejoined)).containsExactly(recordA, recordB);
		assertThat(rejoined.getParameters("link")).anySatisfy(link -> {
			assertThat(((Reference) part(link, "record")).getReference()).isEqualTo("Patient/" + recordB);
			assertThat(((CodeType) part(link, "kind")).getValue()).isEqualTo("confirmed");
		});
		assertThat(identity.linkedRecords(recordA)).containsExactly(recordA, recordB);
		Parameters person = (Parameters) rejoined;
		assertThat(((org.hl7.fhir.r4.model.Identifier) person.getParameter("person").getValue()).getValue())
				.isEqualTo(identity.personOf(recordA).orElseThrow());

		// Both reviews are on the audit trail.
		materializeAll();
		Bundle events = bundle(getWith(officerA, "/AuditEvent?patient=Patient/" + recordB + "&_count=200"));
		assertThat(events.getEntry()).extracting(entry -> ((AuditEvent) entry.getResource()).getSubtype().stream()
				.map(coding -> coding.getCode()).toList()).anySatisfy(codes -> assertThat(codes).contains("$unlink"));
		Bundle eventsOfA = bundle(getWith(officerA, "/AuditEvent?patient=Patient/" + recordA + "&_count=200"));
		assertThat(eventsOfA.getEntry()).extracting(entry -> ((AuditEvent) entry.getResource()).getSubtype().stream()
				.map(coding -> coding.getCode()).toList()).anySatisfy(codes -> assertThat(codes).contains("$link"));
	}

	@Test
	void twoRecordsOfANewPersonStoredAtTheSameMomentBecomeOnePerson() throws Exception {
		String first = "ident-race-1-" + run;
		String second = "ident-race-2-" + run;
		Patient one = patient(first, orgA, "ヤマダ " + givenKana + "ゴ", "0475550001");
		Patient two = patient(second, orgB, "ヤマダ " + givenKana + "ゴ", "0475550001");
		for (Patient patient : List.of(one, two)) {
			patient.setBirthDateElement(new DateType("1901-01-01"));
			patient.getIdentifier().removeIf(identifier -> IdentityEvidence.INSURANCE_SYSTEM.equals(identifier.getSystem()));
		}
		java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
		try {
			List<java.util.concurrent.Future<HttpResponse<String>>> writes = threads.invokeAll(List.of(
					() -> send("PUT", "/Patient/" + first, "application/fhir+json", json(one).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
					() -> send("PUT", "/Patient/" + second, "application/fhir+json", json(two).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
			for (java.util.concurrent.Future<HttpResponse<String>> write : writes) {
				assertThat(write.get().statusCode()).as(write.get().body()).isEqualTo(201);
			}
		} finally {
			threads.shutdown();
		}
		assertThat(identity.linkedRecords(first)).containsExactly(first, second);
	}

	@Test
	void anIndexMissingARecordIsBroughtUpToDateAtStart() {
		String late = "ident-late-" + run;
		Patient patient = patient(late, orgB, "ヤマダ " + givenKana + "ロク", "0475550002");
		patient.setBirthDateElement(new DateType("1902-02-02"));
		patient.getIdentifier().removeIf(identifier -> IdentityEvidence.INSURANCE_SYSTEM.equals(identifier.getSystem()));
		client().update().resource(patient).execute();
		new org.springframework.jdbc.core.JdbcTemplate(dataSource).update("DELETE FROM " + IdentityStore.RECORDS + " WHERE PATIENT_ID = ?", late);
		assertThat(identity.personOf(late)).isEmpty();

		linker.afterSingletonsInstantiated();
		assertThat(identity.personOf(late)).isPresent();
		assertThat(identity.linkedRecords(recordA)).contains(recordA).doesNotContain(late);
	}

	@Test
	void badInputIsA400WithAnOperationOutcome() {
		assertBadRequest(withToken(regionOperator, "POST", "/Patient/$match", json(new Parameters())));
		assertBadRequest(withToken(regionOperator, "POST", "/Patient/$match",
				json(new Parameters().addParameter(new Parameters.ParametersParameterComponent().setName("resource")
						.setResource(new Observation().setStatus(Observation.ObservationStatus.FINAL))))));
		Patient nameOnly = new Patient();
		nameOnly.addName(kana("ヤマダ " + givenKana));
		assertBadRequest(match(regionOperator, nameOnly, null));
		assertBadRequest(match(regionOperator, byKana("ヤマダ " + givenKana), 0));
		assertBadRequest(match(regionOperator, byKana("ヤマダ " + givenKana), 51));
		assertBadRequest(match(regionOperator, byInsurance("not-an-insurance-number"), null));
		assertBadRequest(withToken(regionOperator, "POST", "/Patient/$match", "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"count\",\"valueInteger\":\"many\"}]}"));
		assertBadRequest(withToken(regionOperator, "POST", "/Patient/$match", json(new Patient().setActive(true))));
		assertBadRequest(withToken(regionOperator, "POST", "/Patient/$match",
				"{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"resource\",\"valueString\":\"ヤマダ\"}]}"));
		assertThat(withToken(regionOperator, "GET", "/Patient/$match", null).statusCode()).isBetween(400, 499);
		assertBadRequest(withToken(regionOperator, "POST", "/Patient/" + recordA + "/$link", json(new Parameters())));
		assertBadRequest(withToken(regionOperator, "POST", "/Patient/" + recordA + "/$link",
				json(new Parameters().addParameter("other", new Reference("Organization/" + orgA)))));
	}

	@Test
	void onlyReviewersReviewAndPatientAppsCannotMatch() {
		assertForbidden(getWith(doctorB, "/Patient/" + recordB + "/$identity"));
		assertForbidden(withToken(doctorB, "POST", "/Patient/" + recordB + "/$unlink", json(new Parameters())));
		assertThat(identity.personOf(recordB)).isPresent();
		String patientApp = tokens().patient(recordA, "patient/*.rs");
		assertForbidden(match(patientApp, byKana("ヤマダ " + givenKana), null));
		assertForbidden(getWith(patientApp, "/Patient/" + recordA + "/$identity"));
		String noPatientSearch = tokens().user("ident-lab-" + run, "Practitioner/jp-practitioner-example-male-1",
				"Organization/" + orgB, List.of(), "user/Observation.rs");
		assertForbidden(match(noPatientSearch, byKana("ヤマダ " + givenKana), null));
	}

	// --- helpers

	private HttpResponse<String> match(String token, Patient patient, Integer count) {
		return match(token, patient, count, false);
	}

	private HttpResponse<String> match(String token, Patient patient, Integer count, boolean onlyCertainMatches) {
		Parameters parameters = new Parameters();
		parameters.addParameter().setName("resource").setResource(patient);
		parameters.addParameter("onlyCertainMatches", new BooleanType(onlyCertainMatches));
		if (count != null) {
			parameters.addParameter("count", new IntegerType(count));
		}
		return withToken(token, "POST", "/Patient/$match", json(parameters));
	}

	private Patient byKana(String kanaName) {
		Patient patient = new Patient();
		patient.addName(kana(kanaName));
		patient.setBirthDateElement(new DateType(birthDate));
		patient.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
		return patient;
	}

	private static Patient byInsurance(String value) {
		Patient patient = new Patient();
		patient.addIdentifier().setSystem(IdentityEvidence.INSURANCE_SYSTEM).setValue(value);
		return patient;
	}

	private static HumanName kana(String text) {
		HumanName name = new HumanName().setText(text);
		name.addExtension(KANA, new CodeType("SYL"));
		return name;
	}

	private Patient patient(String id, String organization, String kanaName, String phone) {
		Patient patient = (Patient) JpCoreExamples.parse(AbstractServerIT.fhirPackages().resolve("jp-core-examples")
				.resolve("Patient-jp-patient-example-1.json"));
		patient.setId(id);
		patient.getIdentifierFirstRep().setSystem("urn:oid:1.2.392.100495.20.3.51.1.99999999" + (id.equals(recordA) ? "11" : "12"))
				.setValue("P" + run);
		patient.addIdentifier().setSystem(IdentityEvidence.INSURANCE_SYSTEM).setValue(insurance);
		patient.getName().clear();
		HumanName kanji = new HumanName().setUse(HumanName.NameUse.USUAL).setText("山田 " + run).setFamily("山田").addGiven(run);
		kanji.addExtension(KANA, new CodeType("IDE"));
		patient.addName(kanji);
		HumanName reading = kana(kanaName).setUse(HumanName.NameUse.USUAL);
		patient.addName(reading);
		patient.getTelecom().clear();
		patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(phone);
		patient.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
		patient.setBirthDateElement(new DateType(birthDate));
		patient.setManagingOrganization(new Reference("Organization/" + organization));
		return patient;
	}

	private static Organization organization(String id, String name) {
		Organization organization = (Organization) JpCoreExamples.parse(AbstractServerIT.fhirPackages().resolve("jp-core-examples")
				.resolve("Organization-jp-organization-example-hospital.json"));
		organization.setId(id);
		organization.setName(name);
		return organization;
	}

	private void materializeAll() {
		for (int pass = 0; pass < 50 && journal.pendingCount() > 0; pass++) {
			materializer.materializePending();
		}
	}

	private static void assertBadRequest(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		OperationOutcome outcome = outcome(response);
		assertThat(outcome.getIssueFirstRep().getSeverity()).isIn(OperationOutcome.IssueSeverity.ERROR, OperationOutcome.IssueSeverity.FATAL);
	}

	private static List<String> ids(Bundle bundle) {
		return bundle.getEntry().stream().map(entry -> entry.getResource().getIdElement().getIdPart()).toList();
	}

	private static List<String> linkedIds(Parameters parameters) {
		return parameters.getParameters("link").stream()
				.map(link -> ((Reference) part(link, "record")).getReference().substring("Patient/".length())).toList();
	}

	private static org.hl7.fhir.r4.model.Type part(Parameters.ParametersParameterComponent parameter, String name) {
		return parameter.getPart().stream().filter(part -> part.getName().equals(name)).findFirst().orElseThrow().getValue();
	}

	private static String json(Resource resource) {
		return FHIR.newJsonParser().encodeResourceToString(resource);
	}

	/** Hex digits of the run id as katakana, so the name is this run's alone. */
	private static String kanaOf(String hex) {
		String kana = "アイウエオカキクケコサシスセソタ";
		StringBuilder name = new StringBuilder();
		for (char c : hex.toCharArray()) {
			name.append(kana.charAt(Character.digit(c, 16)));
		}
		return name.toString();
	}

	private static String hiragana(String katakana) {
		StringBuilder text = new StringBuilder();
		katakana.codePoints().forEach(c -> text.appendCodePoint(c >= 0x30A1 && c <= 0x30F6 ? c - 0x60 : c));
		return text.toString();
	}

	/** Full-width katakana to the half-width forms a legacy register stores (voiced marks as separate characters). */
	private static String halfWidth(String katakana) {
		String full = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン ";
		String half = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝ ";
		StringBuilder text = new StringBuilder();
		for (char c : katakana.toCharArray()) {
			int at = full.indexOf(c);
			if (at >= 0) {
				text.append(half.charAt(at));
			} else if (c == 'ダ') {
				text.append("ﾀﾞ");
			} else {
				text.append(c);
			}
		}
		return text.toString();
	}
}
