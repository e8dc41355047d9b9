package jp.renkei.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jp.renkei.server.AbstractServerIT;
import jp.renkei.server.identity.RegionalIdentity;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The demo region loads through the real storage layer (profile enforcement and referential
 * integrity on), loading twice stores it once, and what a user of the region would search for is
 * found over HTTP.
 */
class DemoRegionIT extends AbstractServerIT {

	@Autowired
	private DemoRegionLoader loader;

	@Autowired
	private DemoProperties properties;

	@Autowired
	private RegionalIdentity identity;

	@Test
	void loadsOnceAndIsSearchable() {
		DemoLoadResult first = loader.loadIfAbsent();
		DemoLoadResult second = loader.loadIfAbsent();
		System.out.printf("Demo region ingest (validation on): %d resources in %d transactions, %.1f s, %.0f resources/s%n",
				first.resourceCount(), first.transactions(), first.duration().toMillis() / 1000.0, first.resourcesPerSecond());

		DemoRegion region = DemoRegion.generate(properties.patients());
		assertThat(first.loaded()).isTrue();
		assertThat(first.resourceCount()).isEqualTo(region.size());
		assertThat(second.loaded()).isFalse();

		Organization hospital = region.ofType(Organization.class).get(0);
		String code = hospital.getIdentifierFirstRep().getValue();
		assertThat(search(Organization.class, "Organization?identifier="
				+ encode("http://jpfhir.jp/fhir/core/IdSystem/insurance-medical-institution-no|" + code)))
				.extracting(Resource::getIdPart).containsExactly("demo-org-h1");

		Patient patient = region.ofType(Patient.class).stream()
				.filter(p -> p.getNameFirstRep().getFamily().startsWith("𠮷"))
				.findFirst().orElseThrow();
		String kana = patient.getName().stream()
				.filter(n -> "SYL".equals(n.getExtensionString("http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation")))
				.map(HumanName::getText).findFirst().orElseThrow();
		assertThat(search(Patient.class, "Patient?_count=100&name=" + encode(kana)))
				.extracting(Resource::getIdPart).contains(patient.getIdPart());

		// The residents' consents are stored as recorded, withdrawn ones included, and the psychiatric
		// diagnosis a consent excludes keeps its PSY label.
		int consents = region.ofType(Consent.class).size();
		assertThat(client().search().byUrl("Consent?_summary=count&_id=" + region.ofType(Consent.class).stream()
				.map(Resource::getIdPart).collect(Collectors.joining(","))).returnBundle(Bundle.class).execute().getTotal())
				.isEqualTo(consents);
		assertThat(search(Consent.class, "Consent?_count=100&status=inactive&_id=" + region.ofType(Consent.class).stream()
				.filter(c -> c.getStatus() == Consent.ConsentState.INACTIVE).map(Resource::getIdPart).collect(Collectors.joining(","))))
				.hasSize((int) region.ofType(Consent.class).stream().filter(c -> c.getStatus() == Consent.ConsentState.INACTIVE).count());
		assertThat(search(Condition.class, "Condition?_count=100&_security=http://terminology.hl7.org/CodeSystem/v3-ActCode|PSY"))
				.extracting(c -> c.getSubject().getReference())
				.containsAll(region.ofType(Consent.class).stream().filter(c -> c.getProvision().hasProvision())
						.map(c -> c.getPatient().getReference()).toList());

		assertResidentsLinkedAsGenerated(region);

		List<Location> unoccupied = search(Location.class, "Location?_count=100&operational-status=U");
		assertThat(unoccupied).isNotEmpty().allSatisfy(bed -> {
			assertThat(bed.getPhysicalType().getCodingFirstRep().getCode()).isEqualTo("bd");
			assertThat(bed.getOperationalStatus().getCode()).isEqualTo("U");
		});
	}

	/** The regional identity links the records of each resident as one person, and the look-alike twins not. */
	private void assertResidentsLinkedAsGenerated(DemoRegion region) {
		Map<String, List<String>> recordsByResident = region.ofType(Patient.class).stream().map(Resource::getIdPart)
				.collect(Collectors.groupingBy(id -> id.substring(0, "demo-pat-0000".length())));

		Map<String, String> personOfResident = new java.util.HashMap<>();
		recordsByResident.forEach((resident, records) -> {
			assertThat(records.stream().map(identity::personOf).distinct().toList()).as(resident).hasSize(1);
			// Other tests in the same database may have stored copies of demo residents (same person by
			// every evidence, linked too): only the demo's own records are compared.
			assertThat(identity.linkedRecords(records.get(0)).stream().filter(id -> id.startsWith("demo-pat-")))
					.as(resident).containsExactlyInAnyOrderElementsOf(records);
			personOfResident.put(resident, identity.personOf(records.get(0)).orElseThrow());
		});
		assertThat(personOfResident.values().stream().distinct()).hasSize(properties.patients());
		assertThat(identity.personOf("demo-pat-0022-h3")).isNotEqualTo(identity.personOf("demo-pat-0023-h3"));
		// The hard registrations joined their person.
		assertThat(identity.linkedRecords("demo-pat-0005-c2")).contains("demo-pat-0005-c6");
		assertThat(identity.linkedRecords("demo-pat-0009-c5")).contains("demo-pat-0009-h1");
		assertThat(identity.linkedRecords("demo-pat-0015-c6")).contains("demo-pat-0015-h3");
		assertThat(identity.linkedRecords("demo-pat-0033-c2")).contains("demo-pat-0033-h2");
	}

	private <T extends Resource> List<T> search(Class<T> type, String url) {
		Bundle bundle = client().search().byUrl(url).returnBundle(Bundle.class).execute();
		return bundle.getEntry().stream().map(e -> type.cast(e.getResource())).toList();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
