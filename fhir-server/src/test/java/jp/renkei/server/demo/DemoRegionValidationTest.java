package jp.renkei.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jp.renkei.server.conformance.ProfileValidator;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * The demo region passes the server's profile validation with zero errors, checked here on a sample
 * of every resource type and profile (the first {@value #PER_SHAPE} of each), with readable error
 * listings. The whole region goes through the same validation in {@code DemoRegionIT}, which loads
 * it into the server on every database. Also prints what validation costs per resource.
 */
class DemoRegionValidationTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final int PER_SHAPE = 15;

	@Test
	void everyKindOfResourceOfTheRegionIsValidJpCore() {
		DemoRegion region = DemoRegion.generate(60);
		ProfileValidator validator = DemoValidation.profileValidator(FHIR);

		Map<String, List<String>> errors = new LinkedHashMap<>();
		long[] nanos = new long[region.size()];
		Map<String, long[]> nanosByType = new TreeMap<>();
		Map<String, Integer> perShape = new java.util.HashMap<>();
		List<Resource> resources = region.resources().stream()
				.filter(r -> perShape.merge(r.fhirType() + r.getMeta().getProfile(), 1, Integer::sum) <= PER_SHAPE)
				.toList();
		nanos = new long[resources.size()];
		for (int i = 0; i < resources.size(); i++) {
			Resource resource = resources.get(i);
			long started = System.nanoTime();
			OperationOutcome outcome = validator.check(resource);
			nanos[i] = System.nanoTime() - started;
			long[] perType = nanosByType.computeIfAbsent(resource.fhirType(), type -> new long[2]);
			perType[0]++;
			perType[1] += nanos[i];
			if (outcome.hasIssue()) {
				List<String> messages = new ArrayList<>();
				outcome.getIssue().forEach(issue -> messages.add(issue.getDiagnostics() + " @ " + issue.getExpression()));
				errors.put(resource.fhirType() + "/" + resource.getIdPart(), messages);
			}
		}
		printTimings(region, nanos, nanosByType);

		assertThat(errors)
				.as("validation errors (first 20 resources):%n%s", firstErrors(errors))
				.isEmpty();
	}

	private static String firstErrors(Map<String, List<String>> errors) {
		StringBuilder text = new StringBuilder();
		errors.entrySet().stream().limit(20).forEach(e -> text.append(e.getKey()).append('\n')
				.append("    ").append(String.join("\n    ", e.getValue())).append('\n'));
		return text.toString();
	}

	/** The first resources of each profile also pay for snapshot generation; p95 shows the steady state. */
	private static void printTimings(DemoRegion region, long[] nanos, Map<String, long[]> nanosByType) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		double total = Arrays.stream(nanos).sum() / 1e6;
		System.out.printf("Demo region validation: %d of %d resources %s%n", nanos.length, region.size(), region.countsByType());
		System.out.printf("  ProfileValidator.check per resource: avg %.1f ms, p50 %.1f ms, p95 %.1f ms, max %.1f ms; total %.1f s%n",
				total / nanos.length, sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.95)] / 1e6,
				sorted[sorted.length - 1] / 1e6, total / 1000);
		nanosByType.forEach((type, t) -> System.out.printf("  %-20s n=%5d avg %.1f ms%n", type, t[0], t[1] / 1e6 / t[0]));
	}
}
