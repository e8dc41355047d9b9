import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cost of SMART protection, measured over real HTTP against two running servers started by
 * bin/bench-auth: one protected (bearer tokens required) and one in open development mode.
 * Prints p50/p95/p99 of a backend-services token request (private_key_jwt, RS384) and of
 * GET Patient/{id} on both servers, and the protected/open ratio.
 *
 * JDK only (run as a single source file: {@code java AuthOverheadBenchmark.java ...}), so the
 * client side adds no library code to what is measured.
 *
 * Modes:
 *   keygen DIR                         writes DIR/bench.key (PKCS#8) and prints the public JWK Set
 *   run PROTECTED_BASE OPEN_BASE KEYDIR CLIENT_ID N
 */
public class AuthOverheadBenchmark {

	private static final HttpClient HTTP = HttpClient.newHttpClient();
	private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

	public static void main(String[] args) throws Exception {
		if (args[0].equals("keygen")) {
			keygen(Path.of(args[1]));
			return;
		}
		String protectedBase = args[1];
		String openBase = args[2];
		Path keyDir = Path.of(args[3]);
		String clientId = args[4];
		int n = Integer.parseInt(args[5]);

		java.security.PrivateKey key = java.security.KeyFactory.getInstance("RSA")
				.generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(Files.readAllBytes(keyDir.resolve("bench.key"))));
		String tokenEndpoint = protectedBase.replaceFirst("/fhir$", "") + "/auth/token";

		String token = token(tokenEndpoint, protectedBase, clientId, key);
		String protectedPatient = createPatient(protectedBase, token);
		String openPatient = createPatient(openBase, null);

		// Warm-up: JIT, connection pools, HAPI caches on both servers.
		for (int i = 0; i < Math.max(200, n / 5); i++) {
			get(protectedBase + "/Patient/" + protectedPatient, token);
			get(openBase + "/Patient/" + openPatient, null);
			if (i % 10 == 0) {
				token(tokenEndpoint, protectedBase, clientId, key);
			}
		}

		List<Long> tokenTimes = new ArrayList<>();
		List<Long> protectedTimes = new ArrayList<>();
		List<Long> openTimes = new ArrayList<>();
		// Interleaved in blocks so drift on a shared machine hits both sides alike.
		for (int block = 0; block < 10; block++) {
			for (int i = 0; i < n / 10; i++) {
				long start = System.nanoTime();
				get(protectedBase + "/Patient/" + protectedPatient, token);
				protectedTimes.add(System.nanoTime() - start);
			}
			for (int i = 0; i < n / 10; i++) {
				long start = System.nanoTime();
				get(openBase + "/Patient/" + openPatient, null);
				openTimes.add(System.nanoTime() - start);
			}
			for (int i = 0; i < n / 50; i++) {
				long start = System.nanoTime();
				token = token(tokenEndpoint, protectedBase, clientId, key);
				tokenTimes.add(System.nanoTime() - start);
			}
		}
		print("token request (client_credentials, private_key_jwt)", tokenTimes);
		print("GET Patient/{id} protected (bearer token)", protectedTimes);
		print("GET Patient/{id} open (development mode)", openTimes);
		System.out.printf(Locale.ROOT, "overhead ratio protected/open: p50 %.2fx  p95 %.2fx%n",
				percentile(protectedTimes, 50) / percentile(openTimes, 50),
				percentile(protectedTimes, 95) / percentile(openTimes, 95));
	}

	private static void keygen(Path dir) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair pair = generator.generateKeyPair();
		Files.createDirectories(dir);
		Files.write(dir.resolve("bench.key"), pair.getPrivate().getEncoded());
		RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
		System.out.print("{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS384\",\"kid\":\"bench\",\"n\":\""
				+ unsigned(pub.getModulus()) + "\",\"e\":\"" + unsigned(pub.getPublicExponent()) + "\"}]}");
	}

	private static String unsigned(BigInteger value) {
		byte[] bytes = value.toByteArray();
		if (bytes[0] == 0) {
			bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
		}
		return B64URL.encodeToString(bytes);
	}

	private static String token(String tokenEndpoint, String fhirBase, String clientId, java.security.PrivateKey key) throws Exception {
		long now = System.currentTimeMillis() / 1000;
		String header = "{\"alg\":\"RS384\",\"typ\":\"JWT\",\"kid\":\"bench\"}";
		String claims = "{\"iss\":\"" + clientId + "\",\"sub\":\"" + clientId + "\",\"aud\":\"" + tokenEndpoint
				+ "\",\"exp\":" + (now + 60) + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
		String signingInput = b64(header) + "." + b64(claims);
		Signature signature = Signature.getInstance("SHA384withRSA");
		signature.initSign(key);
		signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
		String assertion = signingInput + "." + B64URL.encodeToString(signature.sign());
		String form = "grant_type=client_credentials&scope=system%2FPatient.cruds"
				+ "&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"
				+ "&client_assertion=" + assertion;
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
		Matcher matcher = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
		if (response.statusCode() != 200 || !matcher.find()) {
			throw new IllegalStateException("token request failed: " + response.statusCode() + " " + response.body());
		}
		return matcher.group(1);
	}

	private static String createPatient(String base, String token) throws Exception {
		String body = "{\"resourceType\":\"Patient\",\"meta\":{\"profile\":[\"http://jpfhir.jp/fhir/core/StructureDefinition/JP_Patient\"]},"
				+ "\"identifier\":[{\"system\":\"urn:oid:1.2.392.100495.20.3.51.11311234567\",\"value\":\"bench-" + UUID.randomUUID() + "\"}],"
				+ "\"name\":[{\"use\":\"official\",\"family\":\"性能\",\"given\":[\"太郎\"]}],"
				+ "\"gender\":\"male\",\"birthDate\":\"1970-01-01\"}";
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/Patient"))
				.header("Content-Type", "application/fhir+json; charset=utf-8")
				.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		Matcher matcher = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
		if (response.statusCode() != 201 || !matcher.find()) {
			throw new IllegalStateException("creating the benchmark patient failed: " + response.statusCode() + " " + response.body());
		}
		return matcher.group(1);
	}

	private static void get(String url, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/fhir+json");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET " + url + " answered " + response.statusCode());
		}
	}

	private static String b64(String json) {
		return B64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	private static double percentile(List<Long> nanos, int p) {
		long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
		int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, index)] / 1_000_000.0;
	}

	private static void print(String what, List<Long> nanos) {
		System.out.printf(Locale.ROOT, "%-55s n=%5d  p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms%n",
				what, nanos.size(), percentile(nanos, 50), percentile(nanos, 95), percentile(nanos, 99));
	}
}
