package jp.renkei.server.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import jp.renkei.server.FhirServerApplication;
import jp.renkei.server.auth.TestBackendClient;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What resource protection costs, over real HTTP against the real server (H2): p50/p95/p99 of a
 * backend-services token request ({@code private_key_jwt}), of {@code GET Patient/{id}} with a token,
 * and of the same GET with the server restarted in open-access mode on the same database; prints the
 * protected/open ratio. Warm-up requests are not counted.
 *
 * <p>Run from fhir-server/ (needs ../shared, or -Drenkei.shared.dir):
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/cp.txt
 * java -Drenkei.shared.dir=../../shared -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *   jp.renkei.server.access.AccessOverheadBenchmark 2000
 * </pre>
 */
public final class AccessOverheadBenchmark {

	private static final HttpClient HTTP = HttpClient.newHttpClient();
	private static final ObjectMapper JSON = new ObjectMapper();

	private AccessOverheadBenchmark() {}

	public static void main(String[] args) throws Exception {
		int requests = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
		Path data = Files.createTempDirectory("renkei-bench-access");
		String patientId = "bench-" + System.nanoTime();

		double[] tokenTimes;
		double[] protectedTimes;
		try (ConfigurableApplicationContext server = start(data, false)) {
			String origin = "http://localhost:" + server.getEnvironment().getProperty("local.server.port");
			String token = token(origin);
			send(HttpRequest.newBuilder(URI.create(origin + "/fhir/Patient/" + patientId))
					.header("Authorization", "Bearer " + token).header("Content-Type", "application/fhir+json")
					.PUT(HttpRequest.BodyPublishers.ofString(patientJson(patientId))), 201);
			tokenTimes = time(requests / 4, () -> token(origin));
			protectedTimes = time(requests, () -> send(HttpRequest.newBuilder(URI.create(origin + "/fhir/Patient/" + patientId))
					.header("Authorization", "Bearer " + token).GET(), 200));
		}
		double[] openTimes;
		try (ConfigurableApplicationContext server = start(data, true)) {
			String origin = "http://localhost:" + server.getEnvironment().getProperty("local.server.port");
			openTimes = time(requests, () -> send(HttpRequest.newBuilder(URI.create(origin + "/fhir/Patient/" + patientId)).GET(), 200));
		}
		System.out.printf("%nAccess overhead over HTTP, %d requests each (token requests: %d), ms:%n", requests, requests / 4);
		print("token request (private_key_jwt)", tokenTimes);
		print("GET Patient/{id} with token", protectedTimes);
		print("GET Patient/{id} open mode", openTimes);
		System.out.printf("ratio protected/open: p50 %.2f, p95 %.2f%n",
				percentile(protectedTimes, 50) / percentile(openTimes, 50), percentile(protectedTimes, 95) / percentile(openTimes, 95));
	}

	private static ConfigurableApplicationContext start(Path data, boolean open) {
		return SpringApplication.run(FhirServerApplication.class, "--server.port=0", "--renkei.server.data-directory=" + data,
				"--renkei.demo.enabled=false", "--renkei.auth.open-access-for-development=" + open, "--logging.level.root=WARN");
	}

	private static String token(String origin) {
		String assertion = TestBackendClient.signRs384(TestBackendClient.claims(origin + "/auth/token", TestBackendClient.SUITE_CLIENT_ID).build());
		String form = "grant_type=client_credentials&scope=system%2FPatient.cruds"
				+ "&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=" + assertion;
		String body = send(HttpRequest.newBuilder(URI.create(origin + "/auth/token"))
				.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)), 200);
		try {
			return JSON.readTree(body).get("access_token").asText();
		} catch (Exception e) {
			throw new IllegalStateException(body, e);
		}
	}

	private static String patientJson(String id) throws Exception {
		String example = Files.readString(Path.of(System.getProperty("renkei.shared.dir", "../../shared"))
				.resolve("fhir-packages/jp-core-examples/Patient-jp-patient-example-1.json"));
		return example.replaceFirst("\"id\"\\s*:\\s*\"[^\"]+\"", "\"id\":\"" + id + "\"");
	}

	private static String send(HttpRequest.Builder request, int expectedStatus) {
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != expectedStatus) {
				throw new IllegalStateException(response.statusCode() + ": " + response.body());
			}
			return response.body();
		} catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static double[] time(int count, Runnable request) {
		for (int i = 0; i < Math.max(50, count / 10); i++) {
			request.run();
		}
		double[] millis = new double[count];
		for (int i = 0; i < count; i++) {
			long start = System.nanoTime();
			request.run();
			millis[i] = (System.nanoTime() - start) / 1_000_000.0;
		}
		Arrays.sort(millis);
		return millis;
	}

	private static double percentile(double[] sorted, int percentile) {
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
	}

	private static void print(String what, double[] sorted) {
		System.out.printf("  %-34s p50 %6.2f  p95 %6.2f  p99 %6.2f%n", what, percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99));
	}
}
