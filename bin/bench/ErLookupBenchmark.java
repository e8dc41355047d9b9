import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The ER lookup measured over real HTTP against one server started by bin/bench-er (H2, fresh data
 * directory, JP Core validation off, no demo data): {@code GET Patient/{id}/$summary} of a person
 * with about 2,000 resources over 5 facility records, and {@code POST Patient/$match} by kana name
 * (in hiragana) and birth date.
 *
 * <p>Loaded by a region-operator client (exempt from consent) in transactions of about
 * {@value #BATCH} entries, {@value #THREADS} at a time: 5 facilities (Organization, image viewer
 * Endpoint); PATIENTS background persons, each with a Patient record at one to three facilities
 * (kanji and kana names in the JP Core form, birth date, sex, phone; one Consent per record, permitting
 * one to three facilities, facility 0 in about three quarters of them) and 20 clinical resources
 * (4 Encounters, 2 Conditions, 1 AllergyIntolerance, 10 laboratory Observations, 3 MedicationRequests;
 * BENCH_CLINICAL scales this mix, e.g. 95 for ~100 resources per person)
 * spread over their records; and THE bench person: 5 Patient records, one per facility, with the same
 * names, birth date, sex and phone (so the regional identity links them), each with a Consent of the
 * opt-in-per-facility policy permitting facility 0 (the measured caller) and 398 clinical resources
 * (315 laboratory Observations of 15 tests with reference ranges and interpretation, 2 infection
 * results, 20 Encounters, 10 Conditions, 5 AllergyIntolerances of which one is a drug allergy,
 * 30 MedicationRequests of which 6 active, 5 Procedures, 3 ImagingStudies with their reports,
 * 5 DocumentReferences): 2,000 resources.
 *
 * <p>The measured caller is facility 0's backend system ({@code system/*.rs},
 * {@code organization=Organization/bench-er-org-0}): it sees the four other records of the bench
 * person only through their consents, so consent enforcement is exercised on every request. Times
 * are taken client-side over 127.0.0.1 and, when bin/bench-er passes the server's access log
 * (BENCH_ACCESS_LOG), server-side as Tomcat measured them.
 *
 * JDK only (run as a single source file: {@code java ErLookupBenchmark.java ...}).
 *
 * Modes:
 *   keygen DIR                      writes DIR/bench.key (PKCS#8), prints the public JWK Set
 *   run BASE KEYDIR PATIENTS N      loads, then times N requests of each operation (after 20 warm-ups)
 */
public class ErLookupBenchmark {

	static final String OPERATOR = "bench-er-operator";
	static final String CALLER = "bench-er-facility";
	static final int FACILITIES = 5;
	static final int BATCH = 500;
	static final int THREADS = 2;
	static final int WARMUPS = 20;
	/** Clinical resources per background person (BENCH_CLINICAL): 20 by default, 95 for the issue's ~1,000,000 resources at 10,000 persons. */
	static final int CLINICAL_PER_PERSON = Integer.parseInt(System.getenv().getOrDefault("BENCH_CLINICAL", "20"));
	/** Warm-ups stop after this long, timed series after {@code budget} seconds (a slow server must not keep the run for hours). */
	static final Duration WARMUP_BUDGET = Duration.ofSeconds(120);
	static final String POLICY_SYSTEM = "http://renkei.example.jp/fhir/CodeSystem/renkei-consent-policy";
	static final String HOLDING_SYSTEM = "http://renkei.example.jp/fhir/CodeSystem/holding-facility";
	static final String REPRESENTATION = "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation";
	static final String JLAC10 = "http://medis.or.jp/CodeSystem/master-JLAC10-17digits";
	static final String INFECTION_JLAC10 = "http://jpfhir.jp/fhir/clins/CodeSystem/JLAC10/JP_CLINS_ObsLabResult_InfectionLabo_CS";
	static final String INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

	/** The bench person: a name no background person has. */
	static final Person BENCH = new Person("bench-er-person", "蓮沼", "一葉", "ハスヌマ", "カズハ", "female", "1948-03-15",
			"090-4812-7730", new int[] {0, 1, 2, 3, 4});

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
	private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

	public static void main(String[] args) throws Exception {
		try {
			if (args[0].equals("keygen")) {
				keygen(Path.of(args[1]));
				return;
			}
			benchmark(args[1], Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
					Duration.ofSeconds(args.length > 5 ? Long.parseLong(args[5]) : 900));
		} catch (Throwable e) {
			// Printed here: the source launcher fails on some stack traces it tries to shorten.
			e.printStackTrace();
			System.exit(1);
		}
	}

	private static void benchmark(String base, Path keyDir, int patients, int n, Duration budget) throws Exception {
		PrivateKey key = KeyFactory.getInstance("RSA")
				.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(keyDir.resolve("bench.key"))));
		Server server = new Server(base, key);
		Map<String, String> figures = new LinkedHashMap<>();

		// ------------------------------------------------------------ load
		Random random = new Random(20261206L);
		List<Person> background = backgroundPersons(patients, random);
		List<List<String>> batches = batches(background, random);
		int planned = batches.stream().mapToInt(List::size).sum();
		System.out.printf(Locale.ROOT, "loading %,d resources (%,d background persons, the bench person's 5 records) "
				+ "in %d transactions of <= ~%d entries, %d threads; load average %s%n",
				planned, background.size(), batches.size(), BATCH, THREADS, loadAverage());
		long loadStart = System.nanoTime();
		int expectedPatients = 5 + background.stream().mapToInt(p -> p.facilities.length).sum();
		int patientsThere = server.counts().get("Patient");
		boolean reuse = patientsThere == expectedPatients;
		if (patientsThere > expectedPatients) {
			throw new IllegalStateException("the server holds " + patientsThere + " Patient records, more than the " + expectedPatients
					+ " of PATIENTS=" + patients + ": start from an empty BENCH_DATA_DIR or the one loaded with the same PATIENTS");
		}
		if (reuse) {
			System.out.println("the server already holds this data set (" + patientsThere + " Patient records): not loaded again");
		} else if (patientsThere > 0) {
			// An interrupted load: each transaction is all or nothing, so one whose first Patient is there is complete.
			int before = batches.size();
			List<List<String>> missing = new ArrayList<>();
			for (List<String> batch : batches) {
				String patient = firstPatient(batch);
				if (patient == null || !server.exists("Patient/" + patient)) {
					missing.add(batch);
				}
			}
			batches = missing;
			System.out.printf(Locale.ROOT, "an interrupted load (%d of %d Patient records): resuming with the %d of %d transactions "
					+ "not stored%n", patientsThere, expectedPatients, batches.size(), before);
		}
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		try {
			if (reuse) {
				batches = List.of();
			}
			// The facilities first, alone: every other transaction references them.
			if (!batches.isEmpty()) {
				server.transaction(batches.get(0), loadStart);
			}
			List<Future<?>> futures = new ArrayList<>();
			for (List<String> batch : batches.isEmpty() ? batches : batches.subList(1, batches.size())) {
				futures.add(pool.submit(() -> server.transaction(batch, loadStart)));
			}
			for (Future<?> future : futures) {
				future.get();
			}
		} finally {
			pool.shutdownNow();
		}
		double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
		System.out.printf(Locale.ROOT, "loaded %,d resources in %.0f s: %.0f resources/s; load average %s%n",
				server.loaded.get(), loadSeconds, server.loaded.get() / loadSeconds, loadAverage());
		Map<String, Integer> counts = server.counts();
		int total = counts.values().stream().mapToInt(Integer::intValue).sum();
		System.out.printf(Locale.ROOT, "resources on the server: %,d %s%n", total, counts);
		int benchResources = BENCH_RESOURCES.get();
		figures.put("data", String.format(Locale.ROOT, "%,d resources on the server (%,d background persons with %,d Patient records; "
				+ "the bench person: 5 Patient records with %,d resources in total)", total, background.size(),
				background.stream().mapToInt(p -> p.facilities.length).sum(), benchResources));
		figures.put("load", reuse ? "reused from BENCH_DATA_DIR (loaded by an earlier run)"
				: String.format(Locale.ROOT, "%,d resources in %.0f s, %.0f resources/s (transactions of ~%d entries, %d threads, validation off)",
				server.loaded.get(), loadSeconds, server.loaded.get() / loadSeconds, BATCH, THREADS));

		// ------------------------------------------------------------ settle
		System.out.println("waiting for the server to finish its background work (audit journal, indexing) ...");
		String settled = settle();
		System.out.println(settled + "; load average " + loadAverage());
		figures.put("settle", settled);

		// ------------------------------------------------------------ linking
		String benchId = BENCH.recordId(0);
		String matchProblem = null;
		int linked = 0;
		long linkStart = System.nanoTime();
		long deadline = linkStart + Duration.ofSeconds(60).toNanos();
		while (true) {
			HttpResponse<byte[]> response = server.match(BENCH);
			String body = text(response);
			if (response.statusCode() != 200) {
				boolean missing = response.statusCode() == 400 || response.statusCode() == 404 || response.statusCode() == 405;
				matchProblem = (missing ? "the server lacks Patient/$match: " : "Patient/$match failed: ")
						+ "POST Patient/$match answered HTTP " + response.statusCode() + ": " + diagnostics(body);
				break;
			}
			linked = count(body, "\"fullUrl\"");
			if (linked >= FACILITIES || System.nanoTime() > deadline) {
				break;
			}
			Thread.sleep(2000);
		}
		if (matchProblem != null) {
			System.out.println("$match: NOT MEASURED -- " + matchProblem);
			figures.put("$match", "not measured: " + matchProblem);
		} else {
			System.out.printf(Locale.ROOT, "$match found %d of the bench person's 5 records after %.1f s%s%n", linked,
					(System.nanoTime() - linkStart) / 1e9, linked < FACILITIES ? " (NOT all linked within 60 s)" : "");
			figures.put("linking", linked + " of the bench person's 5 records found by $match");
		}

		// ------------------------------------------------------------ $match
		// Before $summary, so that a slow or failing $summary (long database statements) cannot weigh on it.
		if (matchProblem == null) {
			Random pick = new Random(7L);
			series = "warmup";
			long warmupStart2 = System.nanoTime();
			for (int i = 0; i < WARMUPS && System.nanoTime() - warmupStart2 < WARMUP_BUDGET.toNanos(); i++) {
				server.matchChecked(i % 2 == 0 ? BENCH : background.get(pick.nextInt(background.size())));
			}
			List<Long> benchTimes = new ArrayList<>();
			List<Long> otherTimes = new ArrayList<>();
			long benchCandidates = 0;
			long otherCandidates = 0;
			int otherEmpty = 0;
			String loadBefore = loadAverage();
			long matchStart = System.nanoTime();
			for (int i = 0; i < n && System.nanoTime() - matchStart < budget.toNanos(); i++) {
				boolean bench = i % 2 == 0;
				Person person = bench ? BENCH : background.get(pick.nextInt(background.size()));
				series = bench ? "match-bench" : "match-background";
				long start = System.nanoTime();
				int found = server.matchChecked(person);
				long elapsed = System.nanoTime() - start;
				if (bench) {
					benchTimes.add(elapsed);
					benchCandidates += found;
				} else {
					otherTimes.add(elapsed);
					otherCandidates += found;
					otherEmpty += found == 0 ? 1 : 0;
				}
			}
			series = "other";
			String loadAfter = loadAverage();
			List<Long> all = new ArrayList<>(benchTimes);
			all.addAll(otherTimes);
			print("POST Patient/$match (kana + birth date), all", all);
			print("POST Patient/$match, the bench person", benchTimes);
			print("POST Patient/$match, background persons", otherTimes);
			String matchServer = serverSideFigures("POST Patient/$match, bench person", "match-bench")
					+ serverSideFigures("POST Patient/$match, background persons", "match-background").replace("; server-side", ", background");
			String candidates = String.format(Locale.ROOT, "candidates returned on average: bench person %.2f, background persons %.2f "
					+ "(%d of %d background queries found nothing the caller may see)",
					benchCandidates / (double) benchTimes.size(), otherCandidates / (double) otherTimes.size(), otherEmpty, otherTimes.size());
			System.out.println("  " + candidates);
			System.out.println("  load average before / after the timed series: " + loadBefore + " / " + loadAfter);
			figures.put("$match", String.format(Locale.ROOT, "n=%d  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  (bench person p95 %.1f ms, "
					+ "background p95 %.1f ms; load average %s -> %s)", all.size(), percentile(all, 50), percentile(all, 95),
					percentile(all, 99), percentile(benchTimes, 95), percentile(otherTimes, 95), loadBefore, loadAfter) + matchServer);
			figures.put("$match candidates", candidates);
		}

		// ------------------------------------------------------------ $summary
		// A failed request (not 200) is timed and counted, not fatal: the figures say how many failed and why.
		String summaryPath = "/Patient/" + benchId + "/$summary";
		series = "warmup";
		long warmupStart = System.nanoTime();
		int warmupFailures = 0;
		int warmups = 0;
		String firstFailure = null;
		for (; warmups < WARMUPS && System.nanoTime() - warmupStart < WARMUP_BUDGET.toNanos(); warmups++) {
			long start = System.nanoTime();
			HttpResponse<byte[]> response = server.summary(summaryPath);
			if (response.statusCode() != 200) {
				warmupFailures++;
				if (firstFailure == null) {
					firstFailure = String.format(Locale.ROOT, "HTTP %d after %.1f s: %s", response.statusCode(),
							(System.nanoTime() - start) / 1e9, abbreviate(diagnostics(text(response)), 400));
				}
			}
		}
		boolean summaryFailing = warmupFailures == warmups;
		if (warmupFailures > 0) {
			System.out.printf(Locale.ROOT, "  $summary: %d of %d warm-up requests failed, the first: %s%n", warmupFailures, warmups, firstFailure);
		}
		if (summaryFailing) {
			System.out.println("$summary: EVERY warm-up request failed; no timed series");
			figures.put("$summary", String.format(Locale.ROOT, "FAILED: all %d requests (warm-up) failed, the first with %s", warmups, firstFailure));
		} else {
			String loadBefore = loadAverage();
			List<Long> summaryTimes = new ArrayList<>();
			int failures = 0;
			HttpResponse<byte[]> last = null;
			long seriesStart = System.nanoTime();
			series = "summary";
			for (int i = 0; i < n && System.nanoTime() - seriesStart < budget.toNanos(); i++) {
				long start = System.nanoTime();
				HttpResponse<byte[]> response = server.summary(summaryPath);
				summaryTimes.add(System.nanoTime() - start);
				if (response.statusCode() == 200) {
					last = response;
				} else {
					failures++;
					if (firstFailure == null) {
						firstFailure = "HTTP " + response.statusCode() + ": " + abbreviate(diagnostics(text(response)), 400);
					}
				}
			}
			if (summaryTimes.size() < n) {
				System.out.printf(Locale.ROOT, "  $summary series stopped at the time budget (%d s): %d of %d requests%n",
						budget.toSeconds(), summaryTimes.size(), n);
			}
			series = "other";
			String loadAfter = loadAverage();
			print("GET Patient/{id}/$summary", summaryTimes);
			String summaryFigures = String.format(Locale.ROOT, "n=%d  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms%s", summaryTimes.size(),
					percentile(summaryTimes, 50), percentile(summaryTimes, 95), percentile(summaryTimes, 99),
					failures == 0 ? "" : String.format(Locale.ROOT, "  (%d FAILED, the first: %s)", failures, firstFailure));
			if (last != null) {
				byte[] wire = last.body();
				boolean serverGzip = last.headers().firstValue("Content-Encoding").orElse("").contains("gzip");
				byte[] raw = serverGzip ? gunzip(wire) : wire;
				int gzipBytes = serverGzip ? wire.length : gzip(raw).length;
				String document = new String(raw, StandardCharsets.UTF_8);
				int entries = count(document, "\"fullUrl\"");
				Map<String, Integer> types = entryTypes(document);
				int mergedRecords = types.getOrDefault("Patient", 0);
				String sizeFigures = String.format(Locale.ROOT, "%d entries (%s); %d of 5 Patient records merged; raw %,d bytes (%.1f KB), gzip %,d bytes (%.1f KB)%s",
						entries, types, mergedRecords, raw.length, raw.length / 1024.0, gzipBytes, gzipBytes / 1024.0,
						serverGzip ? " as sent by the server" : " (server sent it uncompressed; gzip size computed by the client)");
				System.out.println("  document: " + sizeFigures);
				figures.put("$summary document", sizeFigures);
			}
			if (failures > 0) {
				System.out.printf(Locale.ROOT, "  %d of %d requests FAILED, the first: %s%n", failures, summaryTimes.size(), firstFailure);
			}
			System.out.println("  load average before / after the timed series: " + loadBefore + " / " + loadAfter);
			figures.put("$summary", summaryFigures + serverSideFigures("GET Patient/{id}/$summary", "summary")
					+ "  (client-side load average " + loadBefore + " -> " + loadAfter + ")");
		}

		System.out.println();
		System.out.println("---- figures (paste into README) ----");
		figures.forEach((what, value) -> System.out.println(what + ": " + value));
		System.out.println("target ($summary): p95 <= 200 ms server-side, <= 100 KB gzip; target ($match): p95 <= 100 ms");
	}

	// ---------------------------------------------------------------- data

	/** One person: a Patient record at each of {@code facilities}, the same demographics in each. */
	record Person(String id, String family, String given, String familyKana, String givenKana, String gender,
			String birthDate, String phone, int[] facilities) {

		String recordId(int facility) {
			return id + "-f" + facility;
		}

		String kanaHiragana() {
			StringBuilder hiragana = new StringBuilder();
			for (char c : (familyKana + " " + givenKana).toCharArray()) {
				hiragana.append(c >= '\u30A1' && c <= '\u30F6' ? (char) (c - 0x60) : c);
			}
			return hiragana.toString();
		}
	}

	static final String[][] FAMILIES = {
			{"佐藤", "サトウ"}, {"鈴木", "スズキ"}, {"高橋", "タカハシ"}, {"田中", "タナカ"}, {"伊藤", "イトウ"},
			{"渡辺", "ワタナベ"}, {"山本", "ヤマモト"}, {"中村", "ナカムラ"}, {"小林", "コバヤシ"}, {"加藤", "カトウ"},
			{"吉田", "ヨシダ"}, {"山田", "ヤマダ"}, {"佐々木", "ササキ"}, {"山口", "ヤマグチ"}, {"松本", "マツモト"},
			{"井上", "イノウエ"}, {"木村", "キムラ"}, {"林", "ハヤシ"}, {"斎藤", "サイトウ"}, {"清水", "シミズ"},
			{"山崎", "ヤマザキ"}, {"森", "モリ"}, {"池田", "イケダ"}, {"橋本", "ハシモト"}, {"阿部", "アベ"},
			{"石川", "イシカワ"}, {"前田", "マエダ"}, {"藤田", "フジタ"}, {"小川", "オガワ"}, {"岡田", "オカダ"}};
	static final String[][] MALE = {
			{"太郎", "タロウ"}, {"健", "ケン"}, {"大輔", "ダイスケ"}, {"翔太", "ショウタ"}, {"拓也", "タクヤ"},
			{"誠", "マコト"}, {"浩二", "コウジ"}, {"直樹", "ナオキ"}, {"和夫", "カズオ"}, {"隆", "タカシ"},
			{"修", "オサム"}, {"茂", "シゲル"}, {"蓮", "レン"}, {"悠真", "ユウマ"}, {"陽翔", "ハルト"}};
	static final String[][] FEMALE = {
			{"花子", "ハナコ"}, {"恵子", "ケイコ"}, {"陽子", "ヨウコ"}, {"美咲", "ミサキ"}, {"由美", "ユミ"},
			{"直美", "ナオミ"}, {"久美子", "クミコ"}, {"幸子", "サチコ"}, {"明美", "アケミ"}, {"真由美", "マユミ"},
			{"さくら", "サクラ"}, {"陽菜", "ヒナ"}, {"結衣", "ユイ"}, {"千尋", "チヒロ"}, {"和子", "カズコ"}};

	private static List<Person> backgroundPersons(int count, Random random) {
		List<Person> persons = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		LocalDate first = LocalDate.of(1930, 1, 1);
		while (persons.size() < count) {
			String[] family = FAMILIES[random.nextInt(FAMILIES.length)];
			boolean male = random.nextBoolean();
			String[] given = (male ? MALE : FEMALE)[random.nextInt(15)];
			String birthDate = first.plusDays(random.nextInt(33_000)).toString();
			// One person per kana name and birth date: two would be linked as one person.
			if (!seen.add(family[1] + given[1] + birthDate)) {
				continue;
			}
			int records = 1 + random.nextInt(3);
			List<Integer> facilities = new ArrayList<>(List.of(0, 1, 2, 3, 4));
			java.util.Collections.shuffle(facilities, random);
			int[] at = facilities.subList(0, records).stream().mapToInt(Integer::intValue).sorted().toArray();
			String phone = String.format(Locale.ROOT, "0%d0-%04d-%04d", 7 + random.nextInt(3), random.nextInt(10_000), random.nextInt(10_000));
			persons.add(new Person(String.format(Locale.ROOT, "bench-er-bg-%05d", persons.size()), family[0], given[0], family[1],
					given[1], male ? "male" : "female", birthDate, phone, at));
		}
		return persons;
	}

	static final AtomicInteger BENCH_RESOURCES = new AtomicInteger();

	/** Transactions: the facilities first (alone), then persons whole (Patient records with their resources), the bench person last. */
	private static List<List<String>> batches(List<Person> background, Random random) {
		List<List<String>> batches = new ArrayList<>();
		List<String> facilities = new ArrayList<>();
		for (int f = 0; f < FACILITIES; f++) {
			facilities.add(put("Organization", facility(f), organization(f)));
			facilities.add(put("Endpoint", viewer(f), endpoint(f)));
		}
		batches.add(facilities);
		List<String> batch = new ArrayList<>();
		for (Person person : background) {
			batch.addAll(backgroundEntries(person, random));
			if (batch.size() >= BATCH - 30) {
				batches.add(batch);
				batch = new ArrayList<>();
			}
		}
		if (!batch.isEmpty()) {
			batches.add(batch);
		}
		for (int f = 0; f < FACILITIES; f++) {
			List<String> record = benchEntries(f, random);
			BENCH_RESOURCES.addAndGet(record.size());
			batches.add(record);
		}
		return batches;
	}

	private static List<String> backgroundEntries(Person person, Random random) {
		List<String> entries = new ArrayList<>();
		for (int f : person.facilities) {
			entries.add(put("Patient", person.recordId(f), patient(person, f)));
			// A permit for one to three facilities; facility 0 (the measured caller) in about three quarters.
			List<Integer> permitted = new ArrayList<>();
			if (random.nextInt(4) != 0) {
				permitted.add(0);
			}
			for (int k = 0, extra = 1 + random.nextInt(2); k < extra; k++) {
				int other = 1 + random.nextInt(FACILITIES - 1);
				if (!permitted.contains(other)) {
					permitted.add(other);
				}
			}
			entries.add(post(consent(person.recordId(f), f, permitted)));
		}
		LocalDate day = LocalDate.of(2024, 1, 10).plusDays(random.nextInt(600));
		for (int k = 0; k < CLINICAL_PER_PERSON; k++) {
			int f = person.facilities[k % person.facilities.length];
			String patient = person.recordId(f);
			day = day.plusDays(1 + random.nextInt(CLINICAL_PER_PERSON <= 20 ? 20 : 8));
			// The mix of 20 (4 Encounters, 2 Conditions, 1 AllergyIntolerance, 10 labs, 3 MedicationRequests), scaled.
			int i = k * 20 / CLINICAL_PER_PERSON;
			String resource;
			if (i < 4) {
				resource = encounter(patient, f, day, i % 3);
			} else if (i < 6) {
				resource = condition(patient, f, random.nextInt(CONDITIONS.length), day, i == 4);
			} else if (i < 7) {
				resource = allergy(patient, f, random.nextInt(ALLERGIES.length), day);
			} else if (i < 17) {
				resource = lab(patient, f, LABS[random.nextInt(LABS.length)], day, random);
			} else {
				resource = medication(patient, f, random.nextInt(DRUGS.length), day, i == 19);
			}
			entries.add(post(resource));
		}
		return entries;
	}

	/** One facility record of the bench person: Patient, Consent and 398 clinical resources. */
	private static List<String> benchEntries(int f, Random random) {
		String patient = BENCH.recordId(f);
		List<String> entries = new ArrayList<>();
		entries.add(put("Patient", patient, patient(BENCH, f)));
		entries.add(post(consent(patient, f, List.of(0, 1, 2, 3, 4))));
		LocalDate start = LocalDate.of(2024, 1, 8).plusDays(f * 3L);
		// 15 tests on 21 days: 315 laboratory results.
		for (int d = 0; d < 21; d++) {
			LocalDate day = start.plusDays(d * 45L);
			for (Lab lab : LABS) {
				entries.add(post(lab(patient, f, lab, day, random)));
			}
		}
		entries.add(post(infection(patient, f, "HBs抗原", "5F016141002399101", start.plusDays(400))));
		entries.add(post(infection(patient, f, "HCV抗体", "5F360149002399101", start.plusDays(400))));
		for (int i = 0; i < 20; i++) {
			entries.add(post(encounter(patient, f, start.plusDays(i * 47L + 2), i % 3)));
		}
		for (int i = 0; i < 10; i++) {
			entries.add(post(condition(patient, f, i, start.plusDays(i * 90L), i < 6)));
		}
		for (int i = 0; i < 5; i++) {
			entries.add(post(allergy(patient, f, i, start.plusDays(i * 60L))));
		}
		for (int i = 0; i < 30; i++) {
			entries.add(post(medication(patient, f, i % DRUGS.length, start.plusDays(i * 31L), i >= 24)));
		}
		for (int i = 0; i < 5; i++) {
			entries.add(post(procedure(patient, f, i, start.plusDays(i * 150L + 10))));
		}
		for (int i = 0; i < 3; i++) {
			String study = patient + "-is" + i;
			LocalDate day = start.plusDays(i * 200L + 20);
			entries.add(put("ImagingStudy", study, imagingStudy(study, patient, f, i, day)));
			entries.add(post(imagingReport(study, patient, f, i, day)));
		}
		for (int i = 0; i < 5; i++) {
			entries.add(post(document(patient, f, i, start.plusDays(i * 120L + 30))));
		}
		return entries;
	}

	static String facility(int f) {
		return "bench-er-org-" + f;
	}

	static String viewer(int f) {
		return "bench-er-viewer-" + f;
	}

	private static final Pattern PATIENT_PUT = Pattern.compile("\"url\":\"Patient/([^\"]+)\"");

	/** The id of the first Patient a transaction writes, null for one without. */
	static String firstPatient(List<String> batch) {
		for (String entry : batch) {
			Matcher patient = PATIENT_PUT.matcher(entry);
			if (patient.find()) {
				return patient.group(1);
			}
		}
		return null;
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

	/** The holding facility, as a region operator may send it (the server keeps it). */
	private static String meta(int f) {
		return "\"meta\":{\"tag\":[{\"system\":\"" + HOLDING_SYSTEM + "\",\"code\":\"" + facility(f) + "\"}]}";
	}

	private static String subject(String patient) {
		return "{\"reference\":\"Patient/" + patient + "\"}";
	}

	private static String organizationReference(int f) {
		return "{\"reference\":\"Organization/" + facility(f) + "\"}";
	}

	private static String dateTime(LocalDate day, String time) {
		return day + "T" + time + ":00+09:00";
	}

	private static String text(String system, String code, String display) {
		return "{\"coding\":[{\"system\":\"" + system + "\",\"code\":\"" + code + "\",\"display\":\"" + display + "\"}],\"text\":\"" + display + "\"}";
	}

	private static String institutionNumber(int f) {
		return "121" + String.format(Locale.ROOT, "%07d", 9_800_000 + f);
	}

	private static String organization(int f) {
		return "{\"resourceType\":\"Organization\",\"id\":\"" + facility(f) + "\","
				+ "\"meta\":{\"profile\":[\"http://jpfhir.jp/fhir/core/StructureDefinition/JP_Organization\"]},"
				+ "\"identifier\":[{\"system\":\"http://jpfhir.jp/fhir/core/IdSystem/insurance-medical-institution-no\",\"value\":\"" + institutionNumber(f) + "\"}],"
				+ "\"active\":true,\"name\":\"救急性能測定医療機関" + f + "\","
				+ "\"telecom\":[{\"system\":\"phone\",\"value\":\"043-222-710" + f + "\"}],"
				+ "\"address\":[{\"text\":\"千葉県千葉市中央区\",\"state\":\"千葉県\",\"city\":\"千葉市中央区\",\"country\":\"JPN\"}]}";
	}

	private static String endpoint(int f) {
		return "{\"resourceType\":\"Endpoint\",\"id\":\"" + viewer(f) + "\",\"status\":\"active\","
				+ "\"connectionType\":{\"system\":\"http://terminology.hl7.org/CodeSystem/endpoint-connection-type\",\"code\":\"dicom-wado-rs\"},"
				+ "\"name\":\"画像ビューア " + f + "\",\"managingOrganization\":" + organizationReference(f) + ","
				+ "\"payloadType\":[{\"text\":\"DICOM\"}],\"payloadMimeType\":[\"application/dicom\"],"
				+ "\"address\":\"https://pacs" + f + ".bench-er.example.jp/dicomweb\"}";
	}

	private static String humanName(String representation, String family, String given) {
		return "{\"extension\":[{\"url\":\"" + REPRESENTATION + "\",\"valueCode\":\"" + representation + "\"}],"
				+ "\"use\":\"official\",\"text\":\"" + family + " " + given + "\",\"family\":\"" + family + "\",\"given\":[\"" + given + "\"]}";
	}

	private static String patient(Person person, int f) {
		String id = person.recordId(f);
		return "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\"," + meta(f) + ","
				+ "\"identifier\":[{\"system\":\"urn:oid:1.2.392.100495.20.3.51.1" + institutionNumber(f) + "\",\"value\":\""
				+ String.format(Locale.ROOT, "%08d", Math.abs(id.hashCode()) % 100_000_000) + "\"}],"
				+ "\"active\":true,"
				+ "\"name\":[" + humanName("IDE", person.family, person.given) + "," + humanName("SYL", person.familyKana, person.givenKana) + "],"
				+ "\"telecom\":[{\"system\":\"phone\",\"value\":\"" + person.phone + "\",\"use\":\"mobile\"}],"
				+ "\"gender\":\"" + person.gender + "\",\"birthDate\":\"" + person.birthDate + "\","
				+ "\"address\":[{\"text\":\"千葉県千葉市中央区\",\"state\":\"千葉県\",\"city\":\"千葉市中央区\",\"country\":\"JPN\"}],"
				+ "\"managingOrganization\":" + organizationReference(f) + "}";
	}

	/** The record's consent, obtained at its facility f, opt-in per facility: a permit for {@code actors}. */
	private static String consent(String patient, int f, List<Integer> actors) {
		StringJoiner actorJson = new StringJoiner(",");
		for (int actor : actors) {
			actorJson.add("{\"role\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ParticipationType\",\"code\":\"IRCP\"}]},"
					+ "\"reference\":" + organizationReference(actor) + "}");
		}
		return "{\"resourceType\":\"Consent\"," + meta(f) + ",\"status\":\"active\","
				+ "\"scope\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/consentscope\",\"code\":\"patient-privacy\"}]},"
				+ "\"category\":[{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"59284-0\"}]}],"
				+ "\"patient\":" + subject(patient) + ","
				+ "\"dateTime\":\"2024-01-05T09:00:00+09:00\","
				+ "\"organization\":[" + organizationReference(f) + "],"
				+ "\"policyRule\":{\"coding\":[{\"system\":\"" + POLICY_SYSTEM + "\",\"code\":\"opt-in-per-facility\"}]},"
				+ "\"provision\":{\"type\":\"permit\",\"period\":{\"start\":\"2024-01-05\"},\"actor\":[" + actorJson + "]}}";
	}

	record Lab(String name, String code, String unit, double low, double high, int decimals) {}

	static final Lab[] LABS = {
			new Lab("WBC", "2A990000001930101", "10*3/uL", 3.3, 8.6, 1),
			new Lab("Hb", "2A030000001930101", "g/dL", 11.6, 14.8, 1),
			new Lab("PLT", "2A050000001930101", "10*4/uL", 15.8, 34.8, 1),
			new Lab("AST", "3B035000002327201", "U/L", 13, 30, 0),
			new Lab("ALT", "3B045000002327201", "U/L", 7, 23, 0),
			new Lab("γ-GT", "3B090000002327201", "U/L", 9, 32, 0),
			new Lab("T-Bil", "3J010000002327101", "mg/dL", 0.4, 1.5, 1),
			new Lab("Alb", "3A015000002327101", "g/dL", 4.1, 5.1, 1),
			new Lab("BUN", "3C025000002327201", "mg/dL", 8, 20, 0),
			new Lab("CRE", "3C015000002327101", "mg/dL", 0.46, 0.79, 2),
			new Lab("Na", "3H010000002326101", "mmol/L", 138, 145, 0),
			new Lab("K", "3H015000002326101", "mmol/L", 3.6, 4.8, 1),
			new Lab("CRP", "5C070000002306001", "mg/dL", 0.0, 0.14, 2),
			new Lab("BS", "3D010000001926101", "mg/dL", 73, 109, 0),
			new Lab("HbA1c", "3D046000001906202", "%", 4.9, 6.0, 1)};

	private static String lab(String patient, int f, Lab lab, LocalDate day, Random random) {
		double span = lab.high - lab.low;
		double value = lab.low + span * (random.nextDouble() * 1.6 - 0.3);
		value = Math.max(0, value);
		String formatted = String.format(Locale.ROOT, "%." + lab.decimals + "f", value);
		double shown = Double.parseDouble(formatted);
		String flag = shown > lab.high ? "H" : shown < lab.low ? "L" : "N";
		String flagName = flag.equals("H") ? "High" : flag.equals("L") ? "Low" : "Normal";
		String low = String.format(Locale.ROOT, "%." + lab.decimals + "f", lab.low);
		String high = String.format(Locale.ROOT, "%." + lab.decimals + "f", lab.high);
		return "{\"resourceType\":\"Observation\"," + meta(f) + ",\"status\":\"final\","
				+ "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"laboratory\",\"display\":\"Laboratory\"}]}],"
				+ "\"code\":" + text(JLAC10, lab.code, lab.name) + ","
				+ "\"subject\":" + subject(patient) + ","
				+ "\"effectiveDateTime\":\"" + dateTime(day, "08:30") + "\",\"issued\":\"" + dateTime(day, "10:05") + "\","
				+ "\"performer\":[" + organizationReference(f) + "],"
				+ "\"valueQuantity\":{\"value\":" + formatted + ",\"unit\":\"" + lab.unit + "\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"" + lab.unit + "\"},"
				+ "\"interpretation\":[{\"coding\":[{\"system\":\"" + INTERPRETATION + "\",\"code\":\"" + flag + "\",\"display\":\"" + flagName + "\"}]}],"
				+ "\"referenceRange\":[{\"low\":{\"value\":" + low + ",\"unit\":\"" + lab.unit + "\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"" + lab.unit + "\"},"
				+ "\"high\":{\"value\":" + high + ",\"unit\":\"" + lab.unit + "\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"" + lab.unit + "\"}}]}";
	}

	private static String infection(String patient, int f, String name, String code, LocalDate day) {
		return "{\"resourceType\":\"Observation\"," + meta(f) + ",\"status\":\"final\","
				+ "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"laboratory\",\"display\":\"Laboratory\"}]}],"
				+ "\"code\":" + text(INFECTION_JLAC10, code, name) + ","
				+ "\"subject\":" + subject(patient) + ","
				+ "\"effectiveDateTime\":\"" + dateTime(day, "08:30") + "\",\"issued\":\"" + dateTime(day, "11:00") + "\","
				+ "\"valueCodeableConcept\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"260385009\",\"display\":\"Negative\"}],\"text\":\"陰性\"},"
				+ "\"interpretation\":[{\"coding\":[{\"system\":\"" + INTERPRETATION + "\",\"code\":\"NEG\",\"display\":\"Negative\"}]}]}";
	}

	static final String[] ENCOUNTER_CLASSES = {"AMB", "IMP", "EMER"};
	static final String[] ENCOUNTER_NAMES = {"外来", "入院", "救急外来"};

	private static String encounter(String patient, int f, LocalDate day, int kind) {
		LocalDate end = kind == 1 ? day.plusDays(5) : day;
		return "{\"resourceType\":\"Encounter\"," + meta(f) + ",\"status\":\"finished\","
				+ "\"class\":{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ActCode\",\"code\":\"" + ENCOUNTER_CLASSES[kind] + "\",\"display\":\"" + ENCOUNTER_NAMES[kind] + "\"},"
				+ "\"type\":[{\"text\":\"" + ENCOUNTER_NAMES[kind] + "受診\"}],"
				+ "\"subject\":" + subject(patient) + ","
				+ "\"period\":{\"start\":\"" + dateTime(day, "09:10") + "\",\"end\":\"" + dateTime(end, "11:40") + "\"},"
				+ "\"serviceProvider\":" + organizationReference(f) + "}";
	}

	static final String[][] CONDITIONS = {
			{"I10", "本態性高血圧症"}, {"E11.9", "2型糖尿病"}, {"E78.5", "脂質異常症"}, {"N18.3", "慢性腎臓病ステージ3"},
			{"I48.9", "心房細動"}, {"J45.9", "気管支喘息"}, {"K25.9", "胃潰瘍"}, {"M48.06", "腰部脊柱管狭窄症"},
			{"H26.9", "白内障"}, {"M81.0", "骨粗鬆症"}};

	private static String condition(String patient, int f, int which, LocalDate day, boolean active) {
		String[] condition = CONDITIONS[which];
		return "{\"resourceType\":\"Condition\"," + meta(f) + ","
				+ "\"clinicalStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/condition-clinical\",\"code\":\"" + (active ? "active" : "resolved") + "\"}]},"
				+ "\"verificationStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/condition-ver-status\",\"code\":\"confirmed\"}]},"
				+ "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/condition-category\",\"code\":\"problem-list-item\"}]}],"
				+ "\"code\":" + text("http://hl7.org/fhir/sid/icd-10", condition[0], condition[1]) + ","
				+ "\"subject\":" + subject(patient) + ","
				+ "\"onsetDateTime\":\"" + dateTime(day, "10:00") + "\",\"recordedDate\":\"" + dateTime(day, "10:00") + "\""
				+ (active ? "" : ",\"abatementDateTime\":\"" + dateTime(day.plusDays(60), "10:00") + "\"") + "}";
	}

	/** The first is a drug allergy (薬剤禁忌). */
	static final String[][] ALLERGIES = {
			{"medication", "ペニシリン系抗菌薬", "high", "アナフィラキシー"}, {"food", "卵", "low", "蕁麻疹"},
			{"food", "そば", "high", "呼吸困難"}, {"environment", "スギ花粉", "low", "鼻炎"}, {"food", "えび", "low", "蕁麻疹"}};

	private static String allergy(String patient, int f, int which, LocalDate day) {
		String[] allergy = ALLERGIES[which];
		return "{\"resourceType\":\"AllergyIntolerance\"," + meta(f) + ","
				+ "\"clinicalStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical\",\"code\":\"active\"}]},"
				+ "\"verificationStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/allergyintolerance-verification\",\"code\":\"confirmed\"}]},"
				+ "\"type\":\"allergy\",\"category\":[\"" + allergy[0] + "\"],\"criticality\":\"" + allergy[2] + "\","
				+ "\"code\":{\"text\":\"" + allergy[1] + "\"},"
				+ "\"patient\":" + subject(patient) + ","
				+ "\"recordedDate\":\"" + dateTime(day, "10:00") + "\","
				+ "\"reaction\":[{\"manifestation\":[{\"text\":\"" + allergy[3] + "\"}]}]}";
	}

	static final String[][] DRUGS = {
			{"610443048", "アムロジピン錠5mg", "1回1錠 1日1回 朝食後"}, {"620008675", "メトホルミン塩酸塩錠250mg", "1回1錠 1日2回 朝夕食後"},
			{"622218301", "ロスバスタチン錠2.5mg", "1回1錠 1日1回 夕食後"}, {"620004878", "ランソプラゾールOD錠15mg", "1回1錠 1日1回 朝食後"},
			{"622278901", "アピキサバン錠5mg", "1回1錠 1日2回 朝夕食後"}, {"620160501", "ロキソプロフェンNa錠60mg", "1回1錠 疼痛時"},
			{"610463101", "酸化マグネシウム錠330mg", "1回1錠 1日3回 毎食後"}, {"620002499", "ゾルピデム酒石酸塩錠5mg", "1回1錠 1日1回 就寝前"},
			{"621949401", "モンテルカスト錠10mg", "1回1錠 1日1回 就寝前"}, {"622224401", "エルデカルシトールカプセル0.75μg", "1回1カプセル 1日1回 朝食後"}};

	private static String medication(String patient, int f, int which, LocalDate day, boolean active) {
		String[] drug = DRUGS[which];
		return "{\"resourceType\":\"MedicationRequest\"," + meta(f) + ",\"status\":\"" + (active ? "active" : "completed") + "\","
				+ "\"intent\":\"order\","
				+ "\"medicationCodeableConcept\":" + text("urn:oid:1.2.392.100495.20.2.74", drug[0], drug[1]) + ","
				+ "\"subject\":" + subject(patient) + ","
				+ "\"authoredOn\":\"" + dateTime(day, "11:00") + "\","
				+ "\"requester\":" + organizationReference(f) + ","
				+ "\"dosageInstruction\":[{\"text\":\"" + drug[2] + "\"}],"
				+ "\"dispenseRequest\":{\"expectedSupplyDuration\":{\"value\":28,\"unit\":\"日\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"d\"}}}";
	}

	static final String[] PROCEDURES = {"経皮的冠動脈形成術", "内視鏡的胃ポリープ切除術", "白内障手術（眼内レンズ挿入）", "腰椎椎弓切除術", "胆嚢摘出術（腹腔鏡下）"};

	private static String procedure(String patient, int f, int which, LocalDate day) {
		return "{\"resourceType\":\"Procedure\"," + meta(f) + ",\"status\":\"completed\","
				+ "\"code\":{\"text\":\"" + PROCEDURES[which] + "\"},"
				+ "\"subject\":" + subject(patient) + ","
				+ "\"performedDateTime\":\"" + dateTime(day, "13:00") + "\"}";
	}

	static final String[][] STUDIES = {{"CT", "頭部CT（単純）"}, {"MR", "腰椎MRI"}, {"CR", "胸部X線"}};

	private static String imagingStudy(String id, String patient, int f, int which, LocalDate day) {
		return "{\"resourceType\":\"ImagingStudy\",\"id\":\"" + id + "\"," + meta(f) + ",\"status\":\"available\","
				+ "\"modality\":[{\"system\":\"http://dicom.nema.org/resources/ontology/DCM\",\"code\":\"" + STUDIES[which][0] + "\"}],"
				+ "\"subject\":" + subject(patient) + ","
				+ "\"started\":\"" + dateTime(day, "14:00") + "\","
				+ "\"endpoint\":[{\"reference\":\"Endpoint/" + viewer(f) + "\"}],"
				+ "\"numberOfSeries\":2,\"numberOfInstances\":180,"
				+ "\"description\":\"" + STUDIES[which][1] + "\"}";
	}

	private static String imagingReport(String study, String patient, int f, int which, LocalDate day) {
		return "{\"resourceType\":\"DiagnosticReport\"," + meta(f) + ",\"status\":\"final\","
				+ "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/v2-0074\",\"code\":\"RAD\"}]}],"
				+ "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"18748-4\",\"display\":\"Diagnostic imaging study\"}],\"text\":\"" + STUDIES[which][1] + " 読影レポート\"},"
				+ "\"subject\":" + subject(patient) + ","
				+ "\"effectiveDateTime\":\"" + dateTime(day, "14:00") + "\",\"issued\":\"" + dateTime(day.plusDays(1), "09:00") + "\","
				+ "\"performer\":[" + organizationReference(f) + "],"
				+ "\"imagingStudy\":[{\"reference\":\"ImagingStudy/" + study + "\"}],"
				+ "\"conclusion\":\"前回検査と比較して明らかな新規病変を認めない。陳旧性変化のみ。臨床的に必要があれば経過観察を推奨する。\"}";
	}

	static final String[][] DOCUMENTS = {{"18842-5", "退院時サマリー"}, {"57133-1", "診療情報提供書"}};

	private static String document(String patient, int f, int which, LocalDate day) {
		String[] type = DOCUMENTS[which % 2];
		return "{\"resourceType\":\"DocumentReference\"," + meta(f) + ",\"status\":\"current\","
				+ "\"type\":" + text("http://loinc.org", type[0], type[1]) + ","
				+ "\"subject\":" + subject(patient) + ","
				+ "\"date\":\"" + dateTime(day, "16:00") + "\","
				+ "\"author\":[" + organizationReference(f) + "],"
				+ "\"description\":\"" + type[1] + "（" + day + "）\","
				+ "\"content\":[{\"attachment\":{\"contentType\":\"application/pdf\",\"language\":\"ja\","
				+ "\"url\":\"https://docs" + f + ".bench-er.example.jp/" + patient + "/" + which + ".pdf\",\"size\":184320,"
				+ "\"title\":\"" + type[1] + "\",\"creation\":\"" + dateTime(day, "16:00") + "\"}}]}";
	}

	// ---------------------------------------------------------------- the server

	static final List<String> COUNTED = List.of("Organization", "Endpoint", "Patient", "Consent", "Observation", "Condition",
			"AllergyIntolerance", "MedicationRequest", "Encounter", "Procedure", "ImagingStudy", "DiagnosticReport", "DocumentReference");

	static final class Server {
		final String base;
		final PrivateKey key;
		final AtomicInteger loaded = new AtomicInteger();
		private final Map<String, String> tokens = new java.util.HashMap<>();
		private final Map<String, Long> tokenTimes = new java.util.HashMap<>();

		Server(String base, PrivateKey key) {
			this.base = base;
			this.key = key;
		}

		/** Posts a transaction as the region operator; retries twice on a conflict or server error. */
		void transaction(List<String> entries, long loadStart) {
			String body = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + String.join(",", entries) + "]}";
			for (int attempt = 1; ; attempt++) {
				HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(base))
						.header("Content-Type", "application/fhir+json; charset=utf-8")
						.header("Authorization", "Bearer " + token(OPERATOR, "system/*.cruds"))
						.header("Prefer", "return=minimal")
						.timeout(Duration.ofMinutes(10))
						.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
				if (response.statusCode() == 200) {
					break;
				}
				boolean retry = attempt < 3 && (response.statusCode() == 409 || response.statusCode() >= 500);
				System.out.printf(Locale.ROOT, "  a transaction of %d entries failed (attempt %d): HTTP %d %s%n", entries.size(), attempt,
						response.statusCode(), abbreviate(text(response)));
				if (!retry) {
					throw new IllegalStateException("loading failed");
				}
			}
			int before = loaded.getAndAdd(entries.size());
			if ((before + entries.size()) / 10_000 != before / 10_000) {
				double seconds = (System.nanoTime() - loadStart) / 1e9;
				System.out.printf(Locale.ROOT, "  %,d resources loaded after %.0f s (%.0f/s), load average %s%n", before + entries.size(),
						seconds, (before + entries.size()) / seconds, loadAverage());
			}
		}

		/** Resources on the server by type (as the region operator, who sees every record). */
		Map<String, Integer> counts() {
			Map<String, Integer> counts = new TreeMap<>();
			for (String type : COUNTED) {
				HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(base + "/" + type + "?_summary=count"))
						.header("Accept", "application/fhir+json")
						.header("Cache-Control", "no-cache")
						.header("Authorization", "Bearer " + token(OPERATOR, "system/*.cruds"))
						.timeout(Duration.ofMinutes(2)).GET());
				Matcher total = Pattern.compile("\"total\"\\s*:\\s*(\\d+)").matcher(text(response));
				if (response.statusCode() != 200 || !total.find()) {
					throw new IllegalStateException("counting " + type + ": HTTP " + response.statusCode() + " " + abbreviate(text(response)));
				}
				counts.put(type, Integer.parseInt(total.group(1)));
			}
			return counts;
		}

		/** Whether the resource is stored (read as the region operator). */
		boolean exists(String reference) {
			HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(base + "/" + reference + "?_elements=id"))
					.header("Accept", "application/fhir+json")
					.header("Authorization", "Bearer " + token(OPERATOR, "system/*.cruds"))
					.timeout(Duration.ofMinutes(2)).GET());
			if (response.statusCode() != 200 && response.statusCode() != 404 && response.statusCode() != 410) {
				throw new IllegalStateException("reading " + reference + ": HTTP " + response.statusCode() + " " + abbreviate(text(response)));
			}
			return response.statusCode() == 200;
		}

		/** GET $summary as facility 0, gzip accepted. */
		HttpResponse<byte[]> summary(String path) {
			HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(base + path))
					.header("Accept", "application/fhir+json")
					.header("Accept-Encoding", "gzip")
					.header("Authorization", "Bearer " + token(CALLER, "system/*.rs"))
					.timeout(Duration.ofMinutes(10)).GET());
			return response;
		}

		/** POST Patient/$match as facility 0: kana (in hiragana, marked SYL) and birth date, count 10. */
		HttpResponse<byte[]> match(Person person) {
			String body = "{\"resourceType\":\"Parameters\",\"parameter\":["
					+ "{\"name\":\"resource\",\"resource\":{\"resourceType\":\"Patient\",\"name\":[{\"extension\":[{\"url\":\"" + REPRESENTATION
					+ "\",\"valueCode\":\"SYL\"}],\"text\":\"" + person.kanaHiragana() + "\"}],\"birthDate\":\"" + person.birthDate + "\"}},"
					+ "{\"name\":\"count\",\"valueInteger\":10}]}";
			return send(HttpRequest.newBuilder(URI.create(base + "/Patient/$match"))
					.header("Content-Type", "application/fhir+json; charset=utf-8")
					.header("Accept", "application/fhir+json")
					.header("Accept-Encoding", "gzip")
					.header("Authorization", "Bearer " + token(CALLER, "system/*.rs"))
					.timeout(Duration.ofSeconds(60))
					.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
		}

		/** $match that must answer 200; the number of Patient records returned. */
		int matchChecked(Person person) {
			HttpResponse<byte[]> response = match(person);
			String body = text(response);
			if (response.statusCode() != 200) {
				throw new IllegalStateException("POST Patient/$match answered " + response.statusCode() + " " + abbreviate(body));
			}
			return count(body, "\"fullUrl\"");
		}

		/** A token of the client, renewed after four minutes (tokens live five). */
		synchronized String token(String clientId, String scope) {
			Long at = tokenTimes.get(clientId);
			if (at == null || System.nanoTime() - at > Duration.ofMinutes(4).toNanos()) {
				tokens.put(clientId, newToken(clientId, scope));
				tokenTimes.put(clientId, System.nanoTime());
			}
			return tokens.get(clientId);
		}

		private String newToken(String clientId, String scope) {
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
				HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
						.header("Content-Type", "application/x-www-form-urlencoded")
						.POST(HttpRequest.BodyPublishers.ofString(form)));
				Matcher matcher = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(text(response));
				if (response.statusCode() != 200 || !matcher.find()) {
					throw new IllegalStateException("token request of " + clientId + " failed: " + response.statusCode() + " " + text(response));
				}
				return matcher.group(1);
			} catch (java.security.GeneralSecurityException e) {
				throw new IllegalStateException(e);
			}
		}
	}

	// ---------------------------------------------------------------- helpers

	/** Sent with every request as X-Bench-Series; the server's access log (bin/bench-er) records it with the time taken. */
	static volatile String series = "load";

	private static HttpResponse<byte[]> send(HttpRequest.Builder request) {
		try {
			return HTTP.send(request.header("X-Bench-Series", series).build(), HttpResponse.BodyHandlers.ofByteArray());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** The body as text, gunzipped when the server compressed it. */
	static String text(HttpResponse<byte[]> response) {
		byte[] body = response.body();
		if (response.headers().firstValue("Content-Encoding").orElse("").contains("gzip")) {
			body = gunzip(body);
		}
		return new String(body, StandardCharsets.UTF_8);
	}

	static byte[] gunzip(byte[] bytes) {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
			return in.readAllBytes();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static byte[] gzip(byte[] bytes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
			zip.write(bytes);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.toByteArray();
	}

	/** How many resources of each type the document's entries hold. */
	static Map<String, Integer> entryTypes(String document) {
		Map<String, Integer> types = new TreeMap<>();
		Matcher matcher = Pattern.compile("\"resource\"\\s*:\\s*\\{\\s*\"resourceType\"\\s*:\\s*\"(\\w+)\"").matcher(document);
		while (matcher.find()) {
			types.merge(matcher.group(1), 1, Integer::sum);
		}
		return types;
	}

	static String diagnostics(String body) {
		Matcher matcher = Pattern.compile("\"diagnostics\"\\s*:\\s*\"([^\"]*)\"").matcher(body);
		return matcher.find() ? matcher.group(1) : abbreviate(body);
	}

	/**
	 * Waits until the server process (BENCH_SERVER_PID) has used less than a tenth of one core for
	 * 10 s in a row: after a load, HAPI and the audit journal (one AuditEvent per patient a load
	 * transaction touched, written in the background) keep both cores busy for minutes, and a
	 * measurement then says more about that backlog than about the ER's requests. At most 45 minutes.
	 */
	static String settle() throws Exception {
		String pid = System.getenv("BENCH_SERVER_PID");
		if (pid == null || !Files.exists(Path.of("/proc", pid, "stat"))) {
			return "not waited for (no BENCH_SERVER_PID)";
		}
		long ticksPerSecond = 100; // USER_HZ on Linux
		long start = System.nanoTime();
		long previous = cpuTicks(pid);
		int quiet = 0;
		while (System.nanoTime() - start < Duration.ofMinutes(45).toNanos()) {
			Thread.sleep(5_000);
			long now = cpuTicks(pid);
			double cores = (now - previous) / (double) ticksPerSecond / 5.0;
			previous = now;
			quiet = cores < 0.1 ? quiet + 1 : 0;
			if (quiet >= 2) {
				return String.format(Locale.ROOT, "server settled after %.0f s", (System.nanoTime() - start) / 1e9);
			}
		}
		return "server still busy after 45 min; measured anyway";
	}

	private static long cpuTicks(String pid) throws IOException {
		String stat = Files.readString(Path.of("/proc", pid, "stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
	}

	static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return parts[0] + " " + parts[1] + " " + parts[2];
		} catch (IOException e) {
			return "?";
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

	static int count(String text, String needle) {
		int count = 0;
		for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
			count++;
		}
		return count;
	}

	private static String abbreviate(String text) {
		return abbreviate(text, 1500);
	}

	private static String abbreviate(String text, int length) {
		return text.length() > length ? text.substring(0, length) + "..." : text;
	}

	private static double percentile(List<Long> nanos, int p) {
		long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
		int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, index)] / 1_000_000.0;
	}

	/**
	 * Server-side times of one series from Tomcat's access log (BENCH_ACCESS_LOG, pattern
	 * {@code %{X-Bench-Series}i %s %D}: from the request's arrival to the last byte of the response
	 * handed to the socket, in microseconds); empty without the log.
	 */
	static List<Long> serverSide(String name) throws IOException {
		String log = System.getenv("BENCH_ACCESS_LOG");
		List<Long> nanos = new ArrayList<>();
		if (log == null || !Files.exists(Path.of(log))) {
			return nanos;
		}
		for (String line : Files.readAllLines(Path.of(log), StandardCharsets.UTF_8)) {
			String[] fields = line.trim().split(" ");
			if (fields.length == 3 && fields[0].equals(name)) {
				nanos.add(Long.parseLong(fields[2]) * 1000);
			}
		}
		return nanos;
	}

	private static String serverSideFigures(String what, String name) throws IOException {
		List<Long> server = serverSide(name);
		if (server.isEmpty()) {
			return "";
		}
		print(what + ", server-side", server);
		return String.format(Locale.ROOT, "; server-side (access log) n=%d  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms",
				server.size(), percentile(server, 50), percentile(server, 95), percentile(server, 99));
	}

	private static void print(String what, List<Long> nanos) {
		System.out.printf(Locale.ROOT, "%-48s n=%4d  p50 %7.1f ms  p95 %7.1f ms  p99 %7.1f ms%n",
				what, nanos.size(), percentile(nanos, 50), percentile(nanos, 95), percentile(nanos, 99));
	}
}
