package jp.renkei.server.demo;

import ca.uhn.fhir.context.FhirContext;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jp.renkei.server.conformance.ProfileValidator;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

/**
 * Prints what generating and validating a demo region of N patients costs: generation time, and
 * {@link ProfileValidator#check} time per resource (p50/p95/p99, by type), which is the part of the
 * server's ingest time spent on profile enforcement. A command, not a test:
 *
 * <pre>
 * mvn -q -o -pl fhir-server test-compile
 * java -Drenkei.shared.dir=../shared -cp "fhir-server/target/classes:fhir-server/target/test-classes:$(cat cp.txt)" \
 *     jp.renkei.server.demo.DemoIngestBenchmark 1000 [resourcesToValidate]
 * </pre>
 *
 * where {@code cp.txt} comes from {@code mvn -pl fhir-server dependency:build-classpath
 * -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test} (it must include the ig module's jar: the
 * project profiles are loaded from the classpath, and without them every resource claiming one is
 * rejected as unknown, which the output reports). Validating every resource of 1,000 patients
 * takes a while; the second argument validates an evenly spread sample instead (default 5,000),
 * after warming the validator up on the first 300 resources.
 */
public final class DemoIngestBenchmark {

	private static final int WARM_UP = 300;

	private DemoIngestBenchmark() {}

	public static void main(String[] args) {
		int patients = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
		int sampleSize = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
		FhirContext fhirContext = FhirContext.forR4Cached();

		DemoRegion.generate(1);
		long started = System.nanoTime();
		DemoRegion region = DemoRegion.generate(patients);
		long generationNanos = System.nanoTime() - started;
		System.out.printf("Demo region of %d patients: %d resources %s%n", patients, region.size(), region.countsByType());
		System.out.printf("Generation: %.2f s (%.0f resources/s)%n", generationNanos / 1e9, region.size() / (generationNanos / 1e9));

		started = System.nanoTime();
		ProfileValidator validator = DemoValidation.profileValidator(fhirContext);
		System.out.printf("Validator set-up (packages loaded): %.2f s%n", (System.nanoTime() - started) / 1e9);

		List<Resource> resources = region.resources();
		resources.subList(0, Math.min(WARM_UP, resources.size())).forEach(validator::check);
		int count = Math.min(sampleSize, resources.size());
		long[] nanos = new long[count];
		Map<String, long[]> byType = new TreeMap<>();
		int errors = 0;
		for (int i = 0; i < count; i++) {
			Resource resource = resources.get((int) ((long) i * resources.size() / count));
			long t = System.nanoTime();
			OperationOutcome outcome = validator.check(resource);
			nanos[i] = System.nanoTime() - t;
			if (outcome.hasIssue()) {
				// An error makes the timing meaningless (e.g. an unknown profile fails before validating).
				if (errors++ < 3) {
					System.out.printf("  invalid %s/%s: %s%n", resource.fhirType(), resource.getIdPart(),
							outcome.getIssueFirstRep().getDiagnostics());
				}
			}
			long[] stats = byType.computeIfAbsent(resource.fhirType(), type -> new long[2]);
			stats[0]++;
			stats[1] += nanos[i];
		}
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		double totalSeconds = Arrays.stream(nanos).sum() / 1e9;
		System.out.printf("ProfileValidator.check over %d resources (after %d warm-up): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, "
						+ "avg %.1f ms, %.0f resources/s on one thread; resources with errors: %d%n",
				count, WARM_UP, percentile(sorted, 0.50), percentile(sorted, 0.95), percentile(sorted, 0.99),
				totalSeconds * 1000 / count, count / totalSeconds, errors);
		byType.forEach((type, stats) -> System.out.printf("  %-20s n=%6d avg %.1f ms%n", type, stats[0], stats[1] / 1e6 / stats[0]));
	}

	private static double percentile(long[] sorted, double fraction) {
		return sorted[Math.min(sorted.length - 1, (int) (sorted.length * fraction))] / 1e6;
	}
}
