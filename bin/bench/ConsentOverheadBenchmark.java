import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cost of consent enforcement and the audit trail, measured over real HTTP against two running
 * servers started by bin/bench-consent: one with the defaults (consent enforced, audit on) and one
 * with {@code renkei.consent.enforced=false} and {@code renkei.audit.enabled=false}. Both get the
 * same data: 10 facilities, 2,500 patients with 10,000 Consent resources between them (permits and
 * denies for several facilities, some withdrawn), and a test patient held by facility A with 60
 * laboratory Observations whose consents permit facility B. The caller is facility B's backend
 * system (a client with {@code organization: Organization/bench-org-b}); it times
 * {@code GET Patient/{id}} and {@code GET Observation?patient=X&_count=50} on both servers,
 * interleaved in blocks, and prints p50/p95/p99 and the enforced/unenforced ratio.
 *
 * <p>The data are loaded by a region-operator client (renkei.consent.region-operator-clients, exempt from consent) in transaction bundles
 * of 500 entries, both servers at the same time; the load time is printed.
 *
 * <p>Before measuring it checks that the two servers really differ: facility B must get 404 for a
 * patient of facility A without a consent for B from the enforced server and 200 from the other
 * one, so a consent property that is misspelt or not (yet) supported fails the run instead of
 * measuring two identical servers (bin/bench-consent checks the audit trail's start-up warning).
 *
 * JDK only (run as a single source file: {@code java ConsentOverheadBenchmark.java ...}).
 *
 * Modes:
 *   keygen DIR                                     writes DIR/bench.key (PKCS#8), prints the public JWK Set
 *   run ENFORCED_BASE UNENFORCED_BASE KEYDIR N [OFF] N requests per timed series; OFF = what the second
 *                                                  server has switched off: both (default), consent, audit
 */
public class ConsentOverheadBenchmark {

	static final String OPERATOR = "bench-operator";
	static final String FACILITY_B = "bench-facility-b";
	static final int FACILITIES = 10;
	static final int PATIENTS = 2_500;
	static final int CONSENTS_PER_PATIENT = 4;
	static final int OBSERVATIONS = 60;
	static final int BATCH = 500;
	static final String TARGET = "bench-target";
	static final String CONTROL = "bench-control";
	static final String POLICY_SYSTEM = "http://renkei.example.jp/fhir/CodeSystem/renkei-consent-policy";

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
	private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

	public static void main(String[] args) throws Exception {
		try {
			benchmark(args);
		} catch (Throwable e) {
			// Printed here: the source launcher fails on some stack traces it tries to shorten.
			e.printStackTrace();
			System.exit(1);
		}
	}

	private static void benchmark(String[] args) throws Exception {
		if (args[0].equals("keygen")) {
			keygen(Path.of(args[1]));
			return;
		}
		String enforcedBase = args[1];
		String openBase = args[2];
		PrivateKey key = KeyFactory.getInstance("RSA")
				.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(Path.of(args[3]).resolve("bench.key"))));
		int n = Integer.parseInt(args[4]);
		// What the second server has switched off: both (default), consent or audit.
		String off = args.length > 5 ? args[5] : "both";

		Server enforced = new Server("enforced", enforcedBase, key);
		Server open = new Server("unenforced", openBase, key);

		long loadStart = System.nanoTime();
		CompletableFuture<Double> enforcedLoad = CompletableFuture.supplyAsync(() -> load(enforced));
		CompletableFuture<Double> openLoad = CompletableFuture.supplyAsync(() -> load(open));
		double enforcedSeconds = enforcedLoad.join();
		double openSeconds = openLoad.join();
		int resources = FACILITIES + PATIENTS + PATIENTS * CONSENTS_PER_PATIENT + 2 + 4 + 1 + OBSERVATIONS;
		System.out.printf(Locale.ROOT, "loaded into each server: %d organizations, %d patients, %d consents, %d observations "
				+ "(%d resources, transactions of %d); enforced %.0f s, unenforced %.0f s, both in parallel %.0f s%n",
				FACILITIES, PATIENTS + 2, PATIENTS * CONSENTS_PER_PATIENT + 4, OBSERVATIONS, resources, BATCH,
				enforcedSeconds, openSeconds, (System.nanoTime() - loadStart) / 1e9);

		if (!off.equals("audit")) {
			checkConsentDiffers(enforced, open);
		}
		checkAuditTrail(enforced);

		String patientPath = "/Patient/" + TARGET;
		String searchPath = "/Observation?patient=" + TARGET + "&_count=50";
		// Warm-up: JIT, connection pools, HAPI and consent caches on both servers.
		for (int i = 0; i < Math.max(100, n / 5); i++) {
			for (Server server : List.of(enforced, open)) {
				server.read(patientPath, 0, false);
				server.read(searchPath, 50, true);
				server.read(searchPath, 50, false);
			}
		}

		List<Long> enforcedPatient = new ArrayList<>();
		List<Long> openPatient = new ArrayList<>();
		List<Long> enforcedSearch = new ArrayList<>();
		List<Long> openSearch = new ArrayList<>();
		List<Long> enforcedRepeated = new ArrayList<>();
		List<Long> openRepeated = new ArrayList<>();
		// Interleaved in blocks so drift on a shared machine hits both sides alike.
		for (int block = 0; block < 10; block++) {
			time(enforced, patientPath, 0, false, n / 10, enforcedPatient);
			time(open, patientPath, 0, false, n / 10, openPatient);
			time(enforced, searchPath, 50, true, n / 10, enforcedSearch);
			time(open, searchPath, 50, true, n / 10, openSearch);
			time(enforced, searchPath, 50, false, n / 10, enforcedRepeated);
			time(open, searchPath, 50, false, n / 10, openRepeated);
		}
		String offLabel = off.equals("both") ? "consent + audit off" : off + " off";
		print("GET Patient/{id}, consent + audit on", enforcedPatient);
		print("GET Patient/{id}, " + offLabel, openPatient);
		print("GET Observation?patient=X&_count=50 (searched afresh), consent + audit on", enforcedSearch);
		print("GET Observation?patient=X&_count=50 (searched afresh), " + offLabel, openSearch);
		print("GET Observation?patient=X&_count=50 (same query repeated), consent + audit on", enforcedRepeated);
		print("GET Observation?patient=X&_count=50 (same query repeated), " + offLabel, openRepeated);
		System.out.printf(Locale.ROOT, "ratio on/off  GET Patient/{id}: p50 %.2fx  p95 %.2fx   Observation search: p50 %.2fx  p95 %.2fx  (target p95 <= 1.15x)%n",
				percentile(enforcedPatient, 50) / percentile(openPatient, 50),
				percentile(enforcedPatient, 95) / percentile(openPatient, 95),
				percentile(enforcedSearch, 50) / percentile(openSearch, 50),
				percentile(enforcedSearch, 95) / percentile(openSearch, 95));
		System.out.printf(Locale.ROOT, "ratio on/off  Observation search, same query repeated: p50 %.2fx  p95 %.2fx "
				+ "(without consent HAPI answers a repeat within a minute from its search cache; under consent it searches again)%n",
				percentile(enforcedRepeated, 50) / percentile(openRepeated, 50),
				percentile(enforcedRepeated, 95) / percentile(openRepeated, 95));
	}

	/**
	 * @param fresh send {@code Cache-Control: no-cache}: HAPI runs the search again instead of reusing the
	 *     result of the same query from the last minute, as for a patient nobody looked at just before
	 */
	private static void time(Server server, String path, int expectedEntries, boolean fresh, int count, List<Long> times) {
		for (int i = 0; i < count; i++) {
			long start = System.nanoTime();
			server.read(path, expectedEntries, fresh);
			times.add(System.nanoTime() - start);
		}
	}

	/** Fails the run unless consent is enforced by one server and not by the other. */
	private static void checkConsentDiffers(Server enforced, Server open) {
		int hidden = enforced.status(enforced.facilityB(), "/Patient/" + CONTROL);
		int shown = open.status(open.facilityB(), "/Patient/" + CONTROL);
		if (hidden != 404 || shown != 200) {
			throw new IllegalStateException("facility B reading a patient it has no consent for got " + hidden
					+ " from the enforced server (expected 404) and " + shown + " from the one started with "
					+ "renkei.consent.enforced=false (expected 200): consent enforcement is missing, or that property is unknown");
		}
		System.out.println("checked: facility B gets 404 for a patient without consent from the enforced server and 200 from the other");
	}

	private static void checkAuditTrail(Server enforced) {
		// AuditEvents are readable by a privacy officer only: the region operator's 403 shows the audit
		// trail is there. That the other server records nothing is checked by bin/bench-consent on its
		// start-up log (the audit trail warns when renkei.audit.enabled=false).
		int audit = enforced.status(enforced.operator(), "/AuditEvent?patient=Patient/" + TARGET);
		if (audit != 403) {
			throw new IllegalStateException("the region operator searching AuditEvents got " + audit
					+ " from the enforced server (expected 403: readable by a privacy officer only): is the audit trail missing?");
		}
		System.out.println("checked: the enforced server protects its audit trail");
	}

	// ---------------------------------------------------------------- loading

	private static double load(Server server) {
		long start = System.nanoTime();
		Random random = new Random(20261123L);
		List<String> entries = new ArrayList<>();
		for (int f = 0; f < FACILITIES; f++) {
			entries.add(put("Organization", facility(f), organization(f)));
		}
		server.transaction(entries);
		entries.clear();
		String yearStart = "2026-01-01";
		for (int p = 0; p < PATIENTS; p++) {
			String patient = String.format(Locale.ROOT, "bench-pat-%05d", p);
			int home = random.nextInt(FACILITIES);
			entries.add(put("Patient", patient, patient(patient, home)));
			// A region's typical history: a permit for one to three facilities, a later permit adding
			// one, a deny for another, and an earlier permit that was withdrawn.
			List<Integer> permitted = new ArrayList<>();
			for (int k = 0, count = 1 + random.nextInt(3); k < count; k++) {
				permitted.add(random.nextInt(FACILITIES));
			}
			entries.add(post(consent(patient, home, "active", "permit", permitted, "2026-02-01T09:00:00+09:00", yearStart)));
			entries.add(post(consent(patient, home, "active", "permit", List.of(random.nextInt(FACILITIES)), "2026-05-01T09:00:00+09:00", yearStart)));
			entries.add(post(consent(patient, home, "active", "deny", List.of(random.nextInt(FACILITIES)), "2026-06-01T09:00:00+09:00", yearStart)));
			entries.add(post(consent(patient, home, "inactive", "permit", List.of(random.nextInt(FACILITIES)), "2025-06-01T09:00:00+09:00", "2025-06-01")));
			if (entries.size() >= BATCH) {
				server.transaction(entries);
				entries.clear();
			}
		}
		// The measured patient: held by facility A (0), consents permitting B (1) and C (2), an older deny for B.
		entries.add(put("Patient", TARGET, patient(TARGET, 0)));
		entries.add(post(consent(TARGET, 0, "active", "deny", List.of(1), "2026-01-10T09:00:00+09:00", yearStart)));
		entries.add(post(consent(TARGET, 0, "active", "permit", List.of(1, 2), "2026-03-01T09:00:00+09:00", yearStart)));
		entries.add(post(consent(TARGET, 0, "active", "deny", List.of(3), "2026-04-01T09:00:00+09:00", yearStart)));
		entries.add(put("Specimen", TARGET + "-blood", specimen(TARGET)));
		for (int o = 0; o < OBSERVATIONS; o++) {
			entries.add(post(observation(TARGET, 0, o)));
		}
		// The control patient: held by A, shared with C only.
		entries.add(put("Patient", CONTROL, patient(CONTROL, 0)));
		entries.add(post(consent(CONTROL, 0, "active", "permit", List.of(2), "2026-03-01T09:00:00+09:00", yearStart)));
		server.transaction(entries);
		return (System.nanoTime() - start) / 1e9;
	}

	static String facility(int f) {
		return f == 0 ? "bench-org-a" : f == 1 ? "bench-org-b" : String.format(Locale.ROOT, "bench-org-%02d", f);
	}

	private static String put(String type, String id, String resource) {
		return "{\"fullUrl\":\"" + type + "/" + id + "\",\"resource\":" + resource
				+ ",\"request\":{\"method\":\"PUT\",\"url\":\"" + type + "/" + id + "\"}}";
	}

	private static String post(String resource) {
		String type = resource.substring(17, resource.indexOf('"', 17));
		return "{\"fullUrl\":\"urn:uuid:" + UUID.randomUUID() + "\",\"resource\":" + resource
				+ ",\"request\":{\"method\":\"POST\",\"url\":\"" + type + "\"}}";
	}

	private static String organization(int f) {
		return "{\"resourceType\":\"Organization\",\"id\":\"" + facility(f) + "\","
				+ "\"meta\":{\"profile\":[\"http://jpfhir.jp/fhir/core/StructureDefinition/JP_Organization\"]},"
				+ "\"extension\":[{\"url\":\"http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_Organization_PrefectureNo\","
				+ "\"valueCoding\":{\"system\":\"http://jpfhir.jp/fhir/core/mhlw/CodeSystem/PrefectureNo-2digits\",\"code\":\"12\"}}],"
				+ "\"identifier\":[{\"system\":\"http://jpfhir.jp/fhir/core/IdSystem/insurance-medical-institution-no\",\"value\":\"121"
				+ String.format(Locale.ROOT, "%07d", 9_900_000 + f) + "\"}],"
				+ "\"name\":\"性能測定医療機関" + f + "\","
				+ "\"address\":[{\"text\":\"千葉県千葉市中央区\",\"state\":\"千葉県\",\"city\":\"千葉市中央区\",\"country\":\"JPN\"}]}";
	}

	private static String patient(String id, int home) {
		return "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\","
				+ "\"meta\":{\"profile\":[\"http://jpfhir.jp/fhir/core/StructureDefinition/JP_Patient\"]},"
				+ "\"identifier\":[{\"system\":\"urn:oid:1.2.392.100495.20.3.51.1121" + String.format(Locale.ROOT, "%07d", 9_900_000 + home)
				+ "\",\"value\":\"" + id + "\"}],"
				+ "\"name\":[{\"use\":\"official\",\"family\":\"性能\",\"given\":[\"太郎\"]}],"
				+ "\"gender\":\"male\",\"birthDate\":\"1970-01-01\","
				+ "\"managingOrganization\":{\"reference\":\"Organization/" + facility(home) + "\"}}";
	}

	private static String consent(String patient, int author, String status, String type, List<Integer> actors,
			String dateTime, String periodStart) {
		StringJoiner actorJson = new StringJoiner(",");
		for (int actor : actors) {
			actorJson.add("{\"role\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ParticipationType\",\"code\":\"IRCP\"}]},"
					+ "\"reference\":{\"reference\":\"Organization/" + facility(actor) + "\"}}");
		}
		return "{\"resourceType\":\"Consent\",\"status\":\"" + status + "\","
				+ "\"scope\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/consentscope\",\"code\":\"patient-privacy\"}]},"
				+ "\"category\":[{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"59284-0\"}]}],"
				+ "\"patient\":{\"reference\":\"Patient/" + patient + "\"},"
				+ "\"dateTime\":\"" + dateTime + "\","
				+ "\"organization\":[{\"reference\":\"Organization/" + facility(author) + "\"}],"
				+ "\"policyRule\":{\"coding\":[{\"system\":\"" + POLICY_SYSTEM + "\",\"code\":\"opt-in-per-facility\"}]},"
				+ "\"provision\":{\"type\":\"" + type + "\",\"period\":{\"start\":\"" + periodStart + "\"},\"actor\":[" + actorJson + "]}}";
	}

	private static String specimen(String patient) {
		return "{\"resourceType\":\"Specimen\",\"id\":\"" + patient + "-blood\","
				+ "\"meta\":{\"profile\":[\"http://jpfhir.jp/fhir/core/StructureDefinition/JP_Specimen_Common\"]},"
				+ "\"status\":\"available\","
				+ "\"type\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/v2-0487\",\"code\":\"BLD\",\"display\":\"Whole blood\"}],\"text\":\"全血\"},"
				+ "\"subject\":{\"reference\":\"Patient/" + patient + "\"},"
				+ "\"collection\":{\"collectedDateTime\":\"2026-01-01T08:30:00+09:00\"}}";
	}

	private static String observation(String patient, int holder, int o) {
		return "{\"resourceType\":\"Observation\","
				+ "\"meta\":{\"profile\":[\"http://jpfhir.jp/fhir/core/StructureDefinition/JP_Observation_LabResult\"]},"
				+ "\"status\":\"final\","
				+ "\"category\":[{\"coding\":[{\"system\":\"http://jpfhir.jp/fhir/core/CodeSystem/JP_SimpleObservationCategory_CS\",\"code\":\"laboratory\",\"display\":\"Laboratory\"}]}],"
				+ "\"code\":{\"coding\":[{\"system\":\"http://medis.or.jp/CodeSystem/master-JLAC10-17digits\",\"code\":\"3D010000001926201\",\"display\":\"血糖\"},"
				+ "{\"system\":\"http://jpfhir.jp/fhir/clins/CodeSystem/JLAC10/JP_CLINS_ObsLabResult_CoreLabo_CS\",\"code\":\"3D010000001926201\",\"display\":\"BS\"}],\"text\":\"血糖\"},"
				+ "\"subject\":{\"reference\":\"Patient/" + patient + "\"},"
				+ "\"effectiveDateTime\":\"" + String.format(Locale.ROOT, "2026-%02d-%02dT08:30:00+09:00", 1 + o / 28, 1 + o % 28) + "\","
				+ "\"issued\":\"" + String.format(Locale.ROOT, "2026-%02d-%02dT10:05:00+09:00", 1 + o / 28, 1 + o % 28) + "\","
				+ "\"performer\":[{\"reference\":\"Organization/" + facility(holder) + "\"}],"
				+ "\"specimen\":{\"reference\":\"Specimen/" + patient + "-blood\"},"
				+ "\"valueQuantity\":{\"value\":" + (80 + o % 40) + ",\"unit\":\"mg/dL\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"mg/dL\"}}";
	}

	// ---------------------------------------------------------------- one server

	static final class Server {
		final String name;
		final String base;
		final PrivateKey key;
		private String facilityToken;
		private long facilityTokenAt;
		private int loaded;
		private final long created = System.nanoTime();

		Server(String name, String base, PrivateKey key) {
			this.name = name;
			this.base = base;
			this.key = key;
		}

		String operator() {
			return token(OPERATOR, "system/*.cruds");
		}

		/** Facility B's token, renewed after four minutes (tokens live five). */
		String facilityB() {
			if (facilityToken == null || System.nanoTime() - facilityTokenAt > Duration.ofMinutes(4).toNanos()) {
				facilityToken = token(FACILITY_B, "system/*.rs");
				facilityTokenAt = System.nanoTime();
			}
			return facilityToken;
		}

		/** Posts a transaction as the region operator (a fresh token each time: loading may outlast one). */
		void transaction(List<String> entries) {
			String token = operator();
			String body = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + String.join(",", entries) + "]}";
			HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base))
					.header("Content-Type", "application/fhir+json; charset=utf-8")
					.header("Authorization", "Bearer " + token)
					.timeout(Duration.ofMinutes(10))
					.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
			if (response.statusCode() != 200) {
				throw new IllegalStateException(name + ": a transaction of " + entries.size() + " entries failed: "
						+ response.statusCode() + " " + abbreviate(response.body()));
			}
			loaded += entries.size();
			if (loaded / 2000 != (loaded - entries.size()) / 2000) {
				System.out.printf(Locale.ROOT, "  %s: %,d resources loaded after %.0f s%n", name, loaded, (System.nanoTime() - created) / 1e9);
			}
		}

		/** GET as facility B; must answer 200 (and a search page with {@code expectedEntries} entries). */
		void read(String path, int expectedEntries, boolean fresh) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
					.header("Accept", "application/fhir+json")
					.header("Authorization", "Bearer " + facilityB())
					.timeout(Duration.ofSeconds(60))
					.GET();
			if (fresh) {
				request.header("Cache-Control", "no-cache");
			}
			HttpResponse<String> response = send(request);
			if (response.statusCode() != 200) {
				throw new IllegalStateException(name + ": GET " + path + " answered " + response.statusCode() + " " + abbreviate(response.body()));
			}
			if (expectedEntries > 0) {
				int entries = count(response.body(), "\"fullUrl\"");
				if (entries != expectedEntries) {
					throw new IllegalStateException(name + ": GET " + path + " gave " + entries + " entries, expected " + expectedEntries);
				}
			}
		}

		int status(String token, String path) {
			return get(token, path).statusCode();
		}

		private HttpResponse<String> get(String token, String path) {
			return send(HttpRequest.newBuilder(URI.create(base + path))
					.header("Accept", "application/fhir+json")
					.header("Authorization", "Bearer " + token)
					.timeout(Duration.ofSeconds(60))
					.GET());
		}

		private String token(String clientId, String scope) {
			String tokenEndpoint = base.replaceFirst("/fhir$", "") + "/auth/token";
			long now = System.currentTimeMillis() / 1000;
			String header = "{\"alg\":\"RS384\",\"typ\":\"JWT\",\"kid\":\"bench\"}";
			String claims = "{\"iss\":\"" + clientId + "\",\"sub\":\"" + clientId + "\",\"aud\":\"" + tokenEndpoint
					+ "\",\"exp\":" + (now + 60) + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
			String signingInput = b64(header) + "." + b64(claims);
			try {
				Signature signature = Signature.getInstance("SHA384withRSA");
				signature.initSign(key);
				signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
				String assertion = signingInput + "." + B64URL.encodeToString(signature.sign());
				String form = "grant_type=client_credentials&scope=" + scope.replace("/", "%2F").replace("*", "%2A")
						+ "&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"
						+ "&client_assertion=" + assertion;
				HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
						.header("Content-Type", "application/x-www-form-urlencoded")
						.POST(HttpRequest.BodyPublishers.ofString(form)));
				Matcher matcher = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
				if (response.statusCode() != 200 || !matcher.find()) {
					throw new IllegalStateException(name + ": token request of " + clientId + " failed: " + response.statusCode() + " " + response.body());
				}
				return matcher.group(1);
			} catch (java.security.GeneralSecurityException e) {
				throw new IllegalStateException(e);
			}
		}
	}

	// ---------------------------------------------------------------- helpers

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		} catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
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

	private static String b64(String json) {
		return B64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	private static int count(String text, String needle) {
		int count = 0;
		for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
			count++;
		}
		return count;
	}

	private static String abbreviate(String text) {
		return text.length() > 1500 ? text.substring(0, 1500) + "..." : text;
	}

	private static double percentile(List<Long> nanos, int p) {
		long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
		int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, index)] / 1_000_000.0;
	}

	private static void print(String what, List<Long> nanos) {
		System.out.printf(Locale.ROOT, "%-58s n=%5d  p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms%n",
				what, nanos.size(), percentile(nanos, 50), percentile(nanos, 95), percentile(nanos, 99));
	}
}
