package jp.renkei.apps.it;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The real regional FHIR server for the apps' end-to-end tests: fhir-server's jar, built earlier in
 * the same Maven reactor ({@code ../fhir-server/target/fhir-server-0.1.0-SNAPSHOT.jar}), started once
 * per test JVM as a child process on a free 127.0.0.1 port with its own temporary data directory and
 * the test configuration {@code src/test/resources/apps-it/fhir-server.yaml}; stopped by its PID when
 * the JVM ends. A small fixture (two JP Core example organizations and patients) is loaded over HTTP
 * by the test-only region-operator client {@code apps-it-loader}.
 */
public final class RegionalServer {

	public static final String ER_HOSPITAL = "apps-it-er";
	public static final String CLINIC = "apps-it-clinic";
	/** Kept by the ER hospital: its doctor may launch the app with it (consent: the holding facility). */
	public static final String ER_PATIENT = "apps-it-er-patient";
	public static final String ER_PATIENT_NAME = "山田 太郎";
	/** Kept by the clinic only, no consent for the ER hospital: hidden from the ER doctor. */
	public static final String CLINIC_PATIENT = "apps-it-clinic-patient";
	public static final String CLINIC_PATIENT_NAME = "佐藤 花子";
	/** The text of the ER patient's allergy (JP Core's example: 小麦粉, high criticality). */
	public static final String ER_PATIENT_ALLERGY = "こむぎこ";
	public static final String CLINIC_PATIENT_ALLERGY = "そば（診療所記録）";
	public static final String ER_DOCTOR = "apps-it-er-doctor";
	public static final String ER_DOCTOR_PASSWORD = "test-only-password-er-doctor";

	private static final Path JAR = Path.of(System.getProperty("renkei.fhir-server.jar", "../fhir-server/target/fhir-server-0.1.0-SNAPSHOT.jar"));
	private static final Duration START_TIMEOUT = Duration.ofMinutes(Long.getLong("renkei.fhir-server.start-minutes", 6));
	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static RegionalServer running;

	private final int port;
	private final int appsPort;
	private final Process process;
	private final Path log;

	private RegionalServer(int appsPort) throws IOException {
		if (!Files.isRegularFile(JAR)) {
			throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: build fhir-server first (the reactor builds it"
					+ " before smart-apps: mvn -pl smart-apps -am verify, or mvn -pl fhir-server -am -DskipTests package)");
		}
		this.port = freePort();
		this.appsPort = appsPort;
		Path data = Files.createTempDirectory("renkei-apps-it-fhir-");
		Path config = data.resolve("apps-it.yaml");
		try (var in = RegionalServer.class.getResourceAsStream("/apps-it/fhir-server.yaml")) {
			Files.copy(in, config);
		}
		this.log = Path.of("target", "apps-it-fhir-server.log");
		Files.createDirectories(log.getParent());
		String shared = Path.of(System.getProperty("renkei.shared.dir", "../../shared")).toAbsolutePath().normalize().toString();
		List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx1g", "-Dfile.encoding=UTF-8", "-jar", JAR.toAbsolutePath().toString(),
				"--server.port=" + port, "--server.address=127.0.0.1",
				"--renkei.server.data-directory=" + data,
				"--renkei.shared.dir=" + shared,
				"--spring.config.additional-location=file:" + config,
				"--apps-it.apps-port=" + appsPort));
		// CI runs the browser tests again with the server on MariaDB and PostgreSQL: the Spring profile
		// of the database, whose connection the child takes from RENKEI_DB_URL/USER/PASSWORD (inherited).
		String profile = System.getProperty("renkei.it.profile", "");
		if (!profile.isBlank()) {
			command.add("--spring.profiles.active=" + profile);
		}
		this.process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		long pid = process.pid();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(pid)));
		waitUntilUp();
		loadFixture();
	}

	/** The server for this JVM, started on first use for an app listening on {@code appsPort}. */
	public static synchronized RegionalServer start(int appsPort) {
		if (running == null) {
			try {
				running = new RegionalServer(appsPort);
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		if (running.appsPort != appsPort) {
			throw new IllegalStateException("the regional server was started for an app on port " + running.appsPort);
		}
		return running;
	}

	/** The origin the server announces (its tokens and launches name localhost). */
	public String origin() {
		return "http://localhost:" + port;
	}

	public String fhirBase() {
		return origin() + "/fhir";
	}

	/** Whether the server's CapabilityStatement offers {@code Patient/[id]/$name} (for tests of operations built elsewhere). */
	public boolean offersPatientOperation(String name) {
		HttpResponse<String> metadata = send(HttpRequest.newBuilder(URI.create(fhirBase() + "/metadata?_format=json")).GET());
		JsonNode capability = json(metadata);
		for (JsonNode rest : capability.path("rest")) {
			for (JsonNode resource : rest.path("resource")) {
				if (resource.path("type").asText().equals("Patient")) {
					for (JsonNode operation : resource.path("operation")) {
						if (operation.path("name").asText().equals(name)) {
							return true;
						}
					}
				}
			}
			for (JsonNode operation : rest.path("operation")) {
				if (operation.path("name").asText().equals(name)) {
					return true;
				}
			}
		}
		return false;
	}

	private static void stop(long pid) {
		ProcessHandle.of(pid).ifPresent(handle -> {
			handle.destroy();
			try {
				handle.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
			} catch (Exception e) {
				handle.destroyForcibly();
			}
		});
	}

	private void waitUntilUp() {
		Instant deadline = Instant.now().plus(START_TIMEOUT);
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new IllegalStateException("fhir-server exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
			}
			try {
				HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(fhirBase() + "/.well-known/smart-configuration"))
						.timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return;
				}
			} catch (IOException e) {
				// Not listening yet.
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
			try {
				Thread.sleep(1000);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
		}
		throw new IllegalStateException("fhir-server did not start within " + START_TIMEOUT + "; see " + log.toAbsolutePath());
	}

	/** JP Core's example organizations and patient, as the ER hospital's and the clinic's records. */
	private void loadFixture() throws IOException {
		String token = loaderToken();
		Path examples = Path.of(System.getProperty("renkei.shared.dir", "../../shared"), "fhir-packages", "jp-core-examples");
		Organization hospital = (Organization) parse(examples.resolve("Organization-jp-organization-example-hospital.json"));
		hospital.setId(ER_HOSPITAL);
		hospital.setName("救急テスト病院");
		put(hospital, token);
		Organization clinic = (Organization) parse(examples.resolve("Organization-jp-organization-example-clinic.json"));
		clinic.setId(CLINIC);
		clinic.setName("テスト診療所");
		put(clinic, token);

		Patient erPatient = (Patient) parse(examples.resolve("Patient-jp-patient-example-1.json"));
		erPatient.setId(ER_PATIENT);
		erPatient.setManagingOrganization(new Reference("Organization/" + ER_HOSPITAL));
		put(erPatient, token);

		Patient clinicPatient = (Patient) parse(examples.resolve("Patient-jp-patient-example-1.json"));
		clinicPatient.setId(CLINIC_PATIENT);
		HumanName kanji = clinicPatient.getName().get(0);
		kanji.setText(CLINIC_PATIENT_NAME).setFamily("佐藤").getGiven().clear();
		kanji.addGiven("花子");
		HumanName kana = clinicPatient.getName().get(1);
		kana.setText("サトウ ハナコ").setFamily("サトウ").getGiven().clear();
		kana.addGiven("ハナコ");
		clinicPatient.setGender(AdministrativeGender.FEMALE);
		clinicPatient.getIdentifierFirstRep().setValue("00000077");
		clinicPatient.setManagingOrganization(new Reference("Organization/" + CLINIC));
		put(clinicPatient, token);

		AllergyIntolerance erAllergy = (AllergyIntolerance) parse(examples.resolve("AllergyIntolerance-jp-allergyintolerance-example-1.json"));
		erAllergy.setId("apps-it-er-allergy");
		erAllergy.getCode().setText(ER_PATIENT_ALLERGY);
		erAllergy.setPatient(new Reference("Patient/" + ER_PATIENT));
		put(erAllergy, token);
		AllergyIntolerance clinicAllergy = erAllergy.copy();
		clinicAllergy.setId("apps-it-clinic-allergy");
		clinicAllergy.getCode().setText(CLINIC_PATIENT_ALLERGY);
		clinicAllergy.setPatient(new Reference("Patient/" + CLINIC_PATIENT));
		put(clinicAllergy, token);
	}

	private String loaderToken() {
		String basic = Base64.getEncoder().encodeToString("apps-it-loader:test-only-secret-apps-it-loader".getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(origin() + "/auth/token"))
				.header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
						+ URLEncoder.encode("system/*.cruds", StandardCharsets.UTF_8))));
		if (response.statusCode() != 200) {
			throw new IllegalStateException("the fixture loader got no token: " + response.body());
		}
		return json(response).get("access_token").asText();
	}

	private void put(Resource resource, String token) {
		String path = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(fhirBase() + "/" + path))
				.header("Authorization", "Bearer " + token).header("Content-Type", "application/fhir+json")
				.PUT(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(resource))));
		if (response.statusCode() != 200 && response.statusCode() != 201) {
			throw new IllegalStateException("could not store " + path + ": " + response.statusCode() + " " + response.body());
		}
	}

	private static Resource parse(Path file) throws IOException {
		return (Resource) FHIR.newJsonParser().parseResource(Files.readString(file, StandardCharsets.UTF_8));
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return HTTP.send(request.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static JsonNode json(HttpResponse<String> response) {
		try {
			return JSON.readTree(response.body());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
