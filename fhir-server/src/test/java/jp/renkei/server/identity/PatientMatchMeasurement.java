package jp.renkei.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import jp.renkei.server.JpCoreExamples;
import jp.renkei.server.access.AbstractAccessIT;
import jp.renkei.server.audit.AuditJournal;
import jp.renkei.server.audit.AuditMaterializer;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A measurement, not part of the suite (the name matches neither Surefire's nor Failsafe's
 * patterns): {@code Patient/$match} over HTTP on H2 with {@value #RECORDS} Patient records of about
 * 7,000 people (1.4 records each), by kana name + birth date + sex and by insurance member id, as a
 * region operator and as a facility user under consent. Prints p50/p95/p99 of sequential requests.
 * The records are stored without profile validation to keep the set-up short. Run it alone with
 * {@code mvn -pl fhir-server -am verify -DskipUTs=true -Dtest=NONE -Dit.test=PatientMatchMeasurement
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@TestPropertySource(properties = "renkei.conformance.validate-on-write=false")
class PatientMatchMeasurement extends AbstractAccessIT {

	@Autowired
	AuditJournal journal;
	@Autowired
	AuditMaterializer materializer;

	private static final int RECORDS = 10_000;
	private static final int REQUESTS = 300;
	private static final String REPRESENTATION = "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation";
	private static final String[] FAMILY = {"サトウ", "スズキ", "タカハシ", "タナカ", "イトウ", "ワタナベ", "ヤマモト", "ナカムラ", "コバヤシ",
			"カトウ", "ヨシダ", "ヤマダ", "ササキ", "ヤマグチ", "マツモト", "イノウエ", "キムラ", "ハヤシ", "サイトウ", "シミズ"};
	private static final String[] GIVEN = {"タロウ", "イチロウ", "ケンイチ", "ヒロシ", "マコト", "タカシ", "ショウタ", "ハナコ", "サチコ",
			"ケイコ", "ヨウコ", "ユミコ", "ミサキ", "アイ", "ヒナ", "ユイ", "マユミ", "クミコ", "カズコ", "セツコ"};

	private record Person(String kana, String birthDate, String insurance, String phone, AdministrativeGender gender) {}

	@Test
	void measure() {
		client().transaction().withBundle(JpCoreExamples.asTransaction()).execute();
		String run = UUID.randomUUID().toString().substring(0, 8);
		Random random = new Random(42);
		List<String> organizations = List.of("jp-organization-example-hospital", "jp-organization-example-clinic");
		List<Person> people = new ArrayList<>();
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		long loadStart = System.nanoTime();
		int stored = 0;
		while (stored < RECORDS) {
			Person person = new Person(FAMILY[random.nextInt(FAMILY.length)] + " " + GIVEN[random.nextInt(GIVEN.length)],
					"%d-%02d-%02d".formatted(1930 + random.nextInt(90), 1 + random.nextInt(12), 1 + random.nextInt(28)),
					"06%06d:%d:%d:00".formatted(random.nextInt(1_000_000), random.nextInt(1000), random.nextInt(100_000)),
					"04%08d".formatted(random.nextInt(100_000_000)),
					random.nextBoolean() ? AdministrativeGender.MALE : AdministrativeGender.FEMALE);
			people.add(person);
			int records = random.nextInt(10) < 6 ? 1 : 2;
			for (int r = 0; r < records && stored < RECORDS; r++, stored++) {
				Patient patient = patient("mbench-" + run + "-" + stored, person, organizations.get(r));
				transaction.addEntry().setResource(patient).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Patient/" + patient.getIdPart());
			}
			if (transaction.getEntry().size() >= 500 || stored == RECORDS) {
				client().transaction().withBundle(transaction).execute();
				transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
			}
		}
		System.out.printf("%nStored %d Patient records of %d people in %.1f s (validation off, linking on)%n", stored, people.size(),
				(System.nanoTime() - loadStart) / 1e9);

		// The writes' audit events are materialized in the background: let that finish first.
		for (int pass = 0; pass < 500 && journal.pendingCount() > 0; pass++) {
			materializer.materializePending();
		}

		String operator = tokens().facility("test-region-operator", "Organization/" + organizations.get(0), "system/*.rs");
		String facilityUser = tokens().user("mbench-doctor", "Practitioner/jp-practitioner-example-male-1",
				"Organization/" + organizations.get(1), List.of(), "user/*.rs");
		measure("warm-up", operator, people, random, false);
		for (String[] caller : List.of(new String[] {"region operator", operator}, new String[] {"facility user (consent)", facilityUser})) {
			measure(caller[0] + ", kana + birth date + sex", caller[1], people, random, false);
			measure(caller[0] + ", insurance member id", caller[1], people, random, true);
		}
	}

	private void measure(String label, String token, List<Person> people, Random random, boolean byInsurance) {
		List<Long> times = new ArrayList<>();
		int entries = 0;
		for (int i = 0; i < REQUESTS + 30; i++) {
			Person person = people.get(random.nextInt(people.size()));
			Patient query = new Patient();
			if (byInsurance) {
				query.addIdentifier().setSystem(IdentityEvidence.INSURANCE_SYSTEM).setValue(person.insurance());
			} else {
				query.addName(kana(person.kana()));
				query.setBirthDateElement(new DateType(person.birthDate()));
				query.setGender(person.gender());
			}
			Parameters parameters = new Parameters();
			parameters.addParameter().setName("resource").setResource(query);
			String body = FHIR.newJsonParser().encodeResourceToString(parameters);
			long start = System.nanoTime();
			HttpResponse<String> response = withToken(token, "POST", "/Patient/$match", body);
			long elapsed = System.nanoTime() - start;
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			if (i >= 30) {
				times.add(elapsed);
				entries += ((Bundle) FHIR.newJsonParser().parseResource(response.body())).getEntry().size();
			}
		}
		Collections.sort(times);
		System.out.printf("  $match, %s: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms (%d sequential requests, %.1f records per answer)%n",
				label, at(times, 50), at(times, 95), at(times, 99), times.size(), entries / (double) times.size());
	}

	private static double at(List<Long> sorted, int percentile) {
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1)) / 1e6;
	}

	private static Patient patient(String id, Person person, String organization) {
		Patient patient = new Patient();
		patient.setId(id);
		patient.getMeta().addProfile("http://jpfhir.jp/fhir/core/StructureDefinition/JP_Patient");
		patient.addIdentifier().setSystem("urn:oid:1.2.392.100495.20.3.51.1.9999999999").setValue(id);
		patient.addIdentifier().setSystem(IdentityEvidence.INSURANCE_SYSTEM).setValue(person.insurance());
		patient.addName(kana(person.kana()));
		patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(person.phone());
		patient.setGender(person.gender());
		patient.setBirthDateElement(new DateType(person.birthDate()));
		patient.setManagingOrganization(new Reference("Organization/" + organization));
		return patient;
	}

	private static HumanName kana(String text) {
		HumanName name = new HumanName().setText(text);
		name.addExtension(REPRESENTATION, new CodeType("SYL"));
		return name;
	}
}
