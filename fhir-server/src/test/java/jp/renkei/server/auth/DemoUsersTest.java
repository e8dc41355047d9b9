package jp.renkei.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoUsersTest {

	private final Clock clock = Clock.fixed(Instant.parse("2026-11-01T09:00:00Z"), ZoneOffset.UTC);

	@Test
	void demoUsersGetRandomPasswordsOfWhichOnlyHashesAreKept(@TempDir Path data) throws IOException {
		List<UserAccount> accounts = DemoUsers.loadOrCreate(data, 3, clock);

		Map<String, UserAccount> byName = accounts.stream().collect(Collectors.toMap(UserAccount::username, Function.identity()));
		assertThat(byName).containsKeys("demo-er", "demo-doctor-h2", "demo-doctor-c1", "demo-privacy", "demo-patient");
		assertThat(byName.get("demo-er").roles()).containsExactly("emergency");
		assertThat(byName.get("demo-er").organization()).isEqualTo("Organization/demo-org-h1");
		assertThat(byName.get("demo-er").fhirUser()).startsWith("Practitioner/demo-prac-h1-");
		assertThat(byName.get("demo-privacy").roles()).containsExactly("privacy-officer");
		assertThat(byName.get("demo-patient").fhirUser()).matches("Patient/demo-pat-0001-[hc]\\d");

		Path credentials = data.resolve("demo-credentials.txt");
		Path users = data.resolve("auth/demo-users.json");
		assertThat(Files.getPosixFilePermissions(credentials)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Files.getPosixFilePermissions(users)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		List<String[]> lines = Files.readAllLines(credentials).stream().filter(line -> !line.startsWith("#"))
				.map(line -> line.split("\t")).toList();
		assertThat(lines).hasSize(5);
		String usersJson = Files.readString(users);
		for (String[] line : lines) {
			assertThat(line).hasSize(6);
			String password = line[1];
			assertThat(password).hasSize(16).matches(".*[a-z].*").matches(".*[A-Z].*").matches(".*\\d.*").matches(".*[#%+\\-=@_].*");
			assertThat(ClientSecretHash.matches(password, byName.get(line[0]).passwordHash())).isTrue();
			assertThat(usersJson).doesNotContain(password);
		}
		new UserDirectory(accounts);

		Files.delete(credentials);
		List<UserAccount> again = DemoUsers.loadOrCreate(data, 3, clock);
		assertThat(again).isEqualTo(accounts);
		assertThat(credentials).as("passwords are written once only").doesNotExist();
	}
}
