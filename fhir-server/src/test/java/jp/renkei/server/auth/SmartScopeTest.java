package jp.renkei.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SmartScopeTest {

	private static final Set<String> SYSTEM = Set.of("system");

	@Test
	void readsV1AndV2ScopesAsInteractions() {
		assertThat(SmartScope.parse("system/*.read")).contains(new SmartScope("system", "*", "rs", ""));
		assertThat(SmartScope.parse("patient/Observation.rs?category=laboratory"))
				.contains(new SmartScope("patient", "Observation", "rs", "category=laboratory"));
		assertThat(SmartScope.parse("user/Patient.*")).contains(new SmartScope("user", "Patient", "cruds", ""));
		assertThat(SmartScope.parse("openid")).isEmpty();
		assertThat(SmartScope.parse("system/Patient.sr")).as("v2 letters out of order").isEmpty();
		assertThat(SmartScope.parse("system/Patient.")).isEmpty();
	}

	@Test
	void grantsRequestedScopesThatAnAllowedScopeCovers() {
		assertThat(SmartScope.grant(List.of("system/Patient.rs", "system/Observation.read"), List.of("system/*.rs"), SYSTEM))
				.containsExactly("system/Patient.rs", "system/Observation.read");
	}

	@Test
	void narrowsABroaderRequestToTheAllowedScopes() {
		assertThat(SmartScope.grant(List.of("system/*.cruds"), List.of("system/Patient.rs", "system/Observation.cruds"), SYSTEM))
				.containsExactly("system/Patient.rs", "system/Observation.cruds");
	}

	@Test
	void refusesWhatIsNotAllowed() {
		assertThat(SmartScope.grant(List.of("system/Patient.cud"), List.of("system/*.rs"), SYSTEM)).isEmpty();
		assertThat(SmartScope.grant(List.of("system/Observation.rs?category=vital-signs"),
				List.of("system/Observation.rs?category=laboratory"), SYSTEM)).isEmpty();
		assertThat(SmartScope.grant(List.of("offline_access"), List.of("system/*.rs"), SYSTEM)).isEmpty();
	}

	@Test
	void grantsOnlyTheContextsTheGrantTypeServes() {
		assertThat(SmartScope.grant(List.of("patient/*.rs", "system/*.rs"), List.of("patient/*.rs", "system/*.rs"), SYSTEM))
				.containsExactly("system/*.rs");
	}

	@Test
	void aGranularAllowedScopeCoversOnlyItsOwnQuery() {
		assertThat(SmartScope.grant(List.of("system/Observation.rs?category=laboratory"), List.of("system/Observation.rs"), SYSTEM))
				.containsExactly("system/Observation.rs?category=laboratory");
	}
}
