package jp.renkei.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import jp.renkei.server.auth.Caller;
import org.junit.jupiter.api.Test;

class CallerScopesTest {

	@Test
	void v1AndV2ScopesPermitTheirLetters() {
		CallerScopes scopes = CallerScopes.of(system("system/Patient.read system/Observation.cruds system/Basic.write"));

		assertThat(scopes.permits("Patient", Interaction.READ)).isTrue();
		assertThat(scopes.permits("Patient", Interaction.SEARCH)).isTrue();
		assertThat(scopes.permits("Patient", Interaction.CREATE)).isFalse();
		assertThat(scopes.permits("Observation", Interaction.DELETE)).isTrue();
		assertThat(scopes.permits("Basic", Interaction.UPDATE)).isTrue();
		assertThat(scopes.permits("Basic", Interaction.READ)).isFalse();
		assertThat(scopes.permitsEveryType(Interaction.READ)).isFalse();
	}

	@Test
	void aScopeCountsOnlyInItsContext() {
		assertThat(CallerScopes.of(system("patient/*.rs user/*.rs")).permits("Patient", Interaction.READ)).isFalse();
		assertThat(CallerScopes.of(practitioner("system/*.rs patient/*.rs")).permits("Patient", Interaction.READ)).isFalse();
		assertThat(CallerScopes.of(practitioner("user/*.rs")).permits("Patient", Interaction.READ)).isTrue();
		assertThat(CallerScopes.of(patient("123", "user/*.rs")).permits("Patient", Interaction.READ)).isFalse();
	}

	@Test
	void patientScopesAreBoundToTheCompartmentExceptForReadingSharedTypes() {
		CallerScopes scopes = CallerScopes.of(patient("Patient/123", "patient/*.cruds"));

		assertThat(scopes.compartment("Observation", Interaction.SEARCH)).contains("123");
		assertThat(scopes.compartment("Patient", Interaction.READ)).contains("123");
		assertThat(scopes.compartment("Organization", Interaction.READ)).isEmpty();
		assertThat(scopes.compartment("Organization", Interaction.UPDATE)).contains("123");
		assertThat(scopes.permitsEveryTypeBeyondCompartments(Interaction.SEARCH)).isFalse();
	}

	@Test
	void aUserScopeBesideAPatientScopeLiftsTheCompartment() {
		Caller caller = new Caller("app", "dr", Optional.of("Practitioner/1"), Optional.empty(), Optional.of("123"),
				Optional.empty(), Set.of(), Set.of("patient/*.rs", "user/Observation.rs"), "jti", Instant.now().plusSeconds(60));
		CallerScopes scopes = CallerScopes.of(caller);

		assertThat(scopes.compartment("Observation", Interaction.READ)).isEmpty();
		assertThat(scopes.compartment("Condition", Interaction.READ)).contains("123");
	}

	@Test
	void granularScopesRestrictUnlessAnUnrestrictedScopePermitsToo() {
		CallerScopes granular = CallerScopes.of(system("system/Observation.rs?category=laboratory system/Observation.rs?category=vital-signs"));
		assertThat(granular.granularQueries("Observation", Interaction.SEARCH)).containsExactlyInAnyOrder("category=laboratory", "category=vital-signs");

		CallerScopes both = CallerScopes.of(system("system/Observation.rs?category=laboratory system/*.rs"));
		assertThat(both.granularQueries("Observation", Interaction.SEARCH)).isEmpty();
	}

	private static Caller system(String scope) {
		return new Caller("backend", "backend", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
				Set.of(), Set.of(scope.split(" ")), "jti", Instant.now().plusSeconds(60));
	}

	private static Caller practitioner(String scope) {
		return new Caller("app", "dr", Optional.of("Practitioner/1"), Optional.empty(), Optional.empty(), Optional.empty(),
				Set.of(), Set.of(scope.split(" ")), "jti", Instant.now().plusSeconds(60));
	}

	private static Caller patient(String patient, String scope) {
		return new Caller("app", "pt", Optional.of("Patient/" + patient), Optional.empty(), Optional.of(patient), Optional.empty(),
				Set.of(), Set.of(scope.split(" ")), "jti", Instant.now().plusSeconds(60));
	}
}
