package jp.renkei.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import jp.renkei.server.AbstractServerIT;
import jp.renkei.server.JpCoreExamples;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A quick local check, not part of the suite (the name matches neither Surefire's nor Failsafe's
 * patterns): the cost of the synchronous journal insert on {@code GET Patient/{id}}, measured in one
 * run with the audit interceptor registered and unregistered in alternating rounds. Prints
 * p50/p95 per round. Run it with
 * {@code mvn -pl fhir-server -am verify -DskipUTs=true -Dit.test=AuditOverheadMeasurement -Drenkei.shared.dir=...}.
 * The real benchmark (consent and audit together) is the acceptance suite's.
 */
class AuditOverheadMeasurement extends AbstractServerIT {

	private static final int REQUESTS = 300;

	@Autowired
	RestfulServer restfulServer;
	@Autowired
	AuditTrailInterceptor auditTrail;
	@Autowired
	AuditJournal journal;
	@Autowired
	AuditMaterializer materializer;

	@Test
	void measure() {
		client().transaction().withBundle(JpCoreExamples.asTransaction()).execute();
		Patient patient = (Patient) JpCoreExamples.parse(fhirPackages().resolve("jp-core-examples").resolve("Patient-jp-patient-example-1.json"));
		String id = "aud-bench-" + UUID.randomUUID().toString().substring(0, 8);
		patient.setId(id);
		patient.setManagingOrganization(new Reference("Organization/jp-organization-example-hospital"));
		client().update().resource(patient).execute();
		String path = "/Patient/" + id;
		round(path, 200);

		System.out.printf("%nGET Patient/{id}, sequential, H2, audit interceptor on/off in alternating rounds of %d:%n", REQUESTS);
		compare(path, "materializer running (journal rows become AuditEvents meanwhile)");
		materializer.stop();
		try {
			compare(path, "materializer stopped (only the synchronous journal insert)");
		} finally {
			materializer.start();
		}
		List<Long> inserts = new ArrayList<>();
		String json = "{\"resourceType\":\"AuditEvent\",\"recorded\":\"2026-11-23T00:00:00Z\"}";
		for (int i = 0; i < REQUESTS; i++) {
			long start = System.nanoTime();
			journal.append("bench-" + UUID.randomUUID(), json);
			inserts.add(System.nanoTime() - start);
		}
		System.out.printf("  journal INSERT alone: p50 %.3f ms, p95 %.3f ms%n%n", percentile(inserts, 50), percentile(inserts, 95));
	}

	private void compare(String path, String label) {
		List<Long> on = new ArrayList<>();
		List<Long> off = new ArrayList<>();
		for (int round = 0; round < 3; round++) {
			on.addAll(round(path, REQUESTS));
			restfulServer.getInterceptorService().unregisterInterceptor(auditTrail);
			try {
				off.addAll(round(path, REQUESTS));
			} finally {
				restfulServer.getInterceptorService().registerInterceptor(auditTrail);
			}
		}
		System.out.printf(" %s:%n", label);
		System.out.printf("  audit on : p50 %.2f ms, p95 %.2f ms%n", percentile(on, 50), percentile(on, 95));
		System.out.printf("  audit off: p50 %.2f ms, p95 %.2f ms%n", percentile(off, 50), percentile(off, 95));
		System.out.printf("  ratio p50 %.3f, p95 %.3f%n", percentile(on, 50) / percentile(off, 50), percentile(on, 95) / percentile(off, 95));
		assertThat(on).hasSize(off.size());
	}

	private List<Long> round(String path, int count) {
		List<Long> times = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			long start = System.nanoTime();
			int status = get(path).statusCode();
			times.add(System.nanoTime() - start);
			assertThat(status).isEqualTo(200);
		}
		return times;
	}

	private static double percentile(List<Long> nanos, int percentile) {
		List<Long> sorted = new ArrayList<>(nanos);
		Collections.sort(sorted);
		int index = Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
		return sorted.get(index) / 1_000_000.0;
	}
}
