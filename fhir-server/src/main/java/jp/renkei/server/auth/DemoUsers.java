package jp.renkei.server.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.renkei.server.demo.DemoRegion;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sign-in accounts of the demo region: physicians of its facilities (one of them the ER
 * physician with role {@code emergency}, one a privacy officer) and one patient.
 *
 * <p>On the first start with the demo region their passwords are drawn at random; only the hashes
 * are kept ({@code <data>/auth/demo-users.json}), and the passwords are written once, owner-only,
 * to {@code <data>/demo-credentials.txt} for {@code bin/run} to show. No password is ever in the
 * repository. Later starts load the hashes and never write the passwords again.
 */
public final class DemoUsers {

	private static final Logger LOG = LoggerFactory.getLogger(DemoUsers.class);
	static final String USERS_FILE = "auth/demo-users.json";
	static final String CREDENTIALS_FILE = "demo-credentials.txt";
	private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
	private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
	private static final String DIGITS = "23456789";
	private static final String SYMBOLS = "#%+-=@_";
	private static final int PASSWORD_LENGTH = 16;
	private static final SecureRandom RANDOM = new SecureRandom();
	private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

	private DemoUsers() {}

	/** The demo accounts stored under {@code dataDirectory}, created (with new random passwords) when absent. */
	public static List<UserAccount> loadOrCreate(Path dataDirectory, int demoPatients, Clock clock) {
		Path usersFile = dataDirectory.resolve(USERS_FILE);
		try {
			if (Files.exists(usersFile)) {
				return JSON.readValue(usersFile.toFile(), new TypeReference<List<UserAccount>>() {});
			}
			List<DemoUser> users = select(DemoRegion.generate(Math.max(demoPatients, 1)));
			List<UserAccount> accounts = users.stream().map(DemoUser::account).toList();
			Files.createDirectories(usersFile.getParent());
			restrict(usersFile.getParent(), "rwx------");
			writeOwnerOnly(usersFile, JSON.writeValueAsString(accounts));
			writeOwnerOnly(dataDirectory.resolve(CREDENTIALS_FILE), credentials(users, clock));
			LOG.info("Created {} demo users; their passwords are in {} (owner-only)", users.size(),
					dataDirectory.resolve(CREDENTIALS_FILE));
			return accounts;
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read or write the demo users in " + usersFile.getParent(), e);
		}
	}

	/** A generated account and its password, known only until it is written to the credentials file. */
	record DemoUser(UserAccount account, String password) {}

	static List<DemoUser> select(DemoRegion region) {
		Map<String, Practitioner> practitioners = region.ofType(Practitioner.class).stream()
				.collect(Collectors.toMap(p -> "Practitioner/" + p.getIdPart(), Function.identity()));
		Map<String, List<PractitionerRole>> rolesByOrganization = region.ofType(PractitionerRole.class).stream()
				.collect(Collectors.groupingBy(role -> role.getOrganization().getReference()));
		List<DemoUser> users = new ArrayList<>();
		PractitionerRole erPhysician = rolesByOrganization.get("Organization/demo-org-h1").get(0);
		users.add(physician("demo-er", erPhysician, practitioners, List.of("emergency")));
		users.add(physician("demo-doctor-h2", rolesByOrganization.get("Organization/demo-org-h2").get(0), practitioners, List.of()));
		users.add(physician("demo-doctor-c1", rolesByOrganization.get("Organization/demo-org-c1").get(0), practitioners, List.of()));
		users.add(physician("demo-privacy", rolesByOrganization.get("Organization/demo-org-h1").get(1), practitioners,
				List.of("privacy-officer")));
		Patient patient = region.ofType(Patient.class).get(0);
		String password = password();
		users.add(new DemoUser(new UserAccount("demo-patient", ClientSecretHash.hash(password), null,
				"Patient/" + patient.getIdPart(), null, List.of(), patient.getNameFirstRep().getText()), password));
		return users;
	}

	private static DemoUser physician(String username, PractitionerRole role, Map<String, Practitioner> practitioners,
			List<String> roles) {
		String reference = role.getPractitioner().getReference();
		Practitioner practitioner = practitioners.get(reference);
		String password = password();
		return new DemoUser(new UserAccount(username, ClientSecretHash.hash(password), null, reference,
				role.getOrganization().getReference(), roles,
				practitioner.getNameFirstRep().getText() + "（" + role.getOrganization().getDisplay() + "）"), password);
	}

	/** 16 characters mixing lower and upper case letters, digits and symbols (MHLW: at least 13 such characters). */
	static String password() {
		String all = LOWER + UPPER + DIGITS + SYMBOLS;
		List<Character> chars = new ArrayList<>();
		for (String set : List.of(LOWER, UPPER, DIGITS, SYMBOLS)) {
			chars.add(set.charAt(RANDOM.nextInt(set.length())));
		}
		while (chars.size() < PASSWORD_LENGTH) {
			chars.add(all.charAt(RANDOM.nextInt(all.length())));
		}
		java.util.Collections.shuffle(chars, RANDOM);
		return chars.stream().map(String::valueOf).collect(Collectors.joining());
	}

	/**
	 * The credentials file: comment lines starting with {@code #}, then one tab-separated line per user:
	 * username, password, fhirUser, organization (or -), roles (comma-separated, or -), display name.
	 */
	static String credentials(List<DemoUser> users, Clock clock) {
		StringBuilder text = new StringBuilder()
				.append("# Renkei demo users, created ").append(clock.instant()).append(". The server keeps only password hashes;\n")
				.append("# this file is the only copy of the passwords (delete it to hide them; delete auth/demo-users.json to draw new ones).\n")
				.append("# username\tpassword\tfhirUser\torganization\troles\tdisplay-name\n");
		for (DemoUser user : users) {
			UserAccount account = user.account();
			text.append(String.join("\t", account.username(), user.password(), account.fhirUser(),
					account.organization() == null ? "-" : account.organization(),
					account.roles().isEmpty() ? "-" : String.join(",", account.roles()),
					account.displayName())).append('\n');
		}
		return text.toString();
	}

	private static void writeOwnerOnly(Path file, String content) throws IOException {
		Path temporary = Files.createTempFile(file.getParent(), ".new-", ".tmp");
		restrict(temporary, "rw-------");
		Files.writeString(temporary, content, StandardCharsets.UTF_8);
		Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

	private static void restrict(Path path, String permissions) throws IOException {
		if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
		}
	}
}
