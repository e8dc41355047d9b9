package jp.renkei.server.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.renkei.server.auth.AuthProperties.Client;
import jp.renkei.server.auth.AuthProperties.ClientType;

/**
 * Times the work of one backend-services token request inside the server, without HTTP: verify
 * the client assertion (RS384), intersect scopes, sign the access token (RS256); and, separately,
 * verifying an access token (what every protected request will cost). Assertions are signed
 * before timing, as a client would. Prints p50/p95/p99 in milliseconds.
 *
 * <p>Run from fhir-server/ (or from the IDE):
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) jp.renkei.server.auth.TokenIssuingBenchmark 5000
 * </pre>
 */
public final class TokenIssuingBenchmark {

	private TokenIssuingBenchmark() {}

	public static void main(String[] args) throws Exception {
		int requests = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
		Clock clock = Clock.systemUTC();
		Path keyDirectory = Files.createTempDirectory("renkei-bench-keys");
		AuthServerUrls urls = ClientAssertionVerifierTest.urls("https://renkei.example.jp/fhir");
		ClientRegistry clients = new ClientRegistry(List.of(new Client(TestBackendClient.CLIENT_ID,
				ClientType.CONFIDENTIAL_ASYMMETRIC, null, TestBackendClient.publicJwks(), null, List.of(),
				List.of("system/*.rs"), "Organization/1", null, null)));
		ClientAuthenticator authenticator =
				new ClientAuthenticator(clients, new ClientAssertionVerifier(clients, urls, new ExpiringIdSet(clock), clock));
		SigningKeys keys = new SigningKeys(keyDirectory, Duration.ofMinutes(5), clock);
		AccessTokenIssuer issuer = new AccessTokenIssuer(keys, urls, Duration.ofMinutes(5), clock);
		AccessTokenVerifier verifier = new AccessTokenVerifier(keys, urls, new ExpiringIdSet(clock), clock);

		int warmup = Math.max(500, requests / 5);
		List<String> assertions = new ArrayList<>();
		for (int i = 0; i < warmup + requests; i++) {
			assertions.add(TestBackendClient.signRs384(TestBackendClient.claims(urls.tokenEndpoint()).build()));
		}
		long[] issuing = new long[requests];
		long[] verifying = new long[requests];
		for (int i = 0; i < warmup + requests; i++) {
			long start = System.nanoTime();
			RegisteredClient client = authenticator.authenticate(null, Map.of(
					"client_assertion_type", ClientAssertionVerifier.ASSERTION_TYPE, "client_assertion", assertions.get(i)));
			Set<String> scopes = SmartScope.grant(List.of("system/Patient.rs"), client.scopes(), Set.of("system"));
			String token = issuer.issueForClient(client, scopes).value();
			long issued = System.nanoTime();
			verifier.verify(token);
			long verified = System.nanoTime();
			if (i >= warmup) {
				issuing[i - warmup] = issued - start;
				verifying[i - warmup] = verified - issued;
			}
		}
		print("token request (assertion check + scopes + signing)", issuing);
		print("access-token verification", verifying);
	}

	private static void print(String what, long[] nanos) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		System.out.printf("%s, n=%d: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms%n", what, sorted.length,
				percentile(sorted, 0.50), percentile(sorted, 0.95), percentile(sorted, 0.99));
	}

	private static double percentile(long[] sorted, double p) {
		return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1_000_000.0;
	}
}
