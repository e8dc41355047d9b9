package jp.renkei.server.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class ConsentEvaluatorTest {

	private static final String A = "Organization/hospital-a";
	private static final String B = "Organization/clinic-b";
	private static final String C = "Organization/clinic-c";
	private static final Instant NOW = Instant.parse("2026-11-23T01:00:00Z");
	private static final Coding PSYCHIATRY = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "PSY", null);

	private final ConsentEvaluator perFacility = new ConsentEvaluator(RegionConsentPolicy.OPT_IN_PER_FACILITY);
	private final ConsentEvaluator comprehensive = new ConsentEvaluator(RegionConsentPolicy.OPT_IN_COMPREHENSIVE);
	private final ConsentEvaluator optOut = new ConsentEvaluator(RegionConsentPolicy.OPT_OUT);

	@Test
	void aFacilityAlwaysSeesWhatItHolds() {
		assertThat(perFacility.decide(List.of(), A, A, "Observation", List.of(), NOW).reason()).isEqualTo("own-record");
		Consent withdrawn = consent("c1", ConsentProvisionType.DENY, "2026-01-01T00:00:00+09:00");
		assertThat(optOut.decide(List.of(withdrawn), A, A, "Observation", List.of(), NOW).permitted()).isTrue();
	}

	@Test
	void perFacilityConsentForAOnlyHidesTheRecordFromB() {
		Consent forA = consent("c1", ConsentProvisionType.PERMIT, "2026-04-01T10:00:00+09:00", A);
		assertThat(perFacility.decide(List.of(forA), A, C, "Observation", List.of(), NOW))
				.extracting(ConsentDecision::permitted, ConsentDecision::reason).containsExactly(true, "permit");
		assertThat(perFacility.decide(List.of(forA), B, C, "Observation", List.of(), NOW))
				.extracting(ConsentDecision::permitted, ConsentDecision::reason).containsExactly(false, "no-consent");
	}

	@Test
	void addingBLetsBSee() {
		Consent forA = consent("c1", ConsentProvisionType.PERMIT, "2026-04-01T10:00:00+09:00", A);
		Consent addB = consent("c2", ConsentProvisionType.PERMIT, "2026-06-01T10:00:00+09:00", B);
		ConsentDecision decision = perFacility.decide(List.of(forA, addB), B, A, "Observation", List.of(), NOW);
		assertThat(decision.permitted()).isTrue();
		assertThat(decision.consentId()).contains("c2");
	}

	@Test
	void withdrawalByStatusOrByANewerDenyTakesEffectAtOnce() {
		Consent forB = consent("c1", ConsentProvisionType.PERMIT, "2026-04-01T10:00:00+09:00", B);
		forB.setStatus(ConsentState.INACTIVE);
		assertThat(perFacility.decide(List.of(forB), B, A, "Observation", List.of(), NOW).permitted()).isFalse();

		Consent stillActive = consent("c1", ConsentProvisionType.PERMIT, "2026-04-01T10:00:00+09:00", B);
		Consent withdrawal = consent("c2", ConsentProvisionType.DENY, "2026-09-01T10:00:00+09:00");
		ConsentDecision decision = perFacility.decide(List.of(stillActive, withdrawal), B, A, "Observation", List.of(), NOW);
		assertThat(decision).extracting(ConsentDecision::permitted, ConsentDecision::reason).containsExactly(false, "deny");
		assertThat(decision.consentId()).contains("c2");
		assertThat(perFacility.decide(List.of(stillActive, withdrawal), A, A, "Observation", List.of(), NOW).permitted())
				.as("the author still sees its own record").isTrue();
	}

	@Test
	void aConsentGivenAgainAfterAWithdrawalCountsAndADenyWinsATie() {
		Consent withdrawal = consent("c1", ConsentProvisionType.DENY, "2026-05-01T10:00:00+09:00");
		Consent again = consent("c2", ConsentProvisionType.PERMIT, "2026-07-01T10:00:00+09:00", B);
		assertThat(perFacility.decide(List.of(withdrawal, again), B, A, "Observation", List.of(), NOW).permitted()).isTrue();

		Consent sameMoment = consent("c3", ConsentProvisionType.DENY, "2026-07-01T10:00:00+09:00", B);
		assertThat(perFacility.decide(List.of(again, sameMoment), B, A, "Observation", List.of(), NOW).permitted()).isFalse();
	}

	@Test
	void aFacilityThatJoinedLaterNeedsItsOwnConsentUnlessThePolicyIsComprehensive() {
		Consent everyone = consent("c1", ConsentProvisionType.PERMIT, "2026-04-01T10:00:00+09:00");
		assertThat(perFacility.decide(List.of(everyone), C, A, "Observation", List.of(), NOW).permitted())
				.as("a per-facility permit must name its facilities").isFalse();
		assertThat(comprehensive.decide(List.of(everyone), C, A, "Observation", List.of(), NOW).permitted()).isTrue();
		assertThat(comprehensive.decide(List.of(), C, A, "Observation", List.of(), NOW).reason()).isEqualTo("no-consent");
	}

	@Test
	void optOutSharesUntilThePatientObjects() {
		assertThat(optOut.decide(List.of(), B, A, "Observation", List.of(), NOW))
				.extracting(ConsentDecision::permitted, ConsentDecision::reason).containsExactly(true, "opt-out-default");
		Consent objection = consent("c1", ConsentProvisionType.DENY, "2026-04-01T10:00:00+09:00");
		assertThat(optOut.decide(List.of(objection), B, A, "Observation", List.of(), NOW).permitted()).isFalse();
		Consent objectionToC = consent("c2", ConsentProvisionType.DENY, "2026-04-01T10:00:00+09:00", C);
		assertThat(optOut.decide(List.of(objectionToC), B, A, "Observation", List.of(), NOW).permitted()).isTrue();
		assertThat(optOut.decide(List.of(objectionToC), C, A, "Observation", List.of(), NOW).permitted()).isFalse();
	}

	@Test
	void onlyConsentsInForceAtTheMomentCount() {
		Consent future = consent("c1", ConsentProvisionType.PERMIT, "2026-04-01T10:00:00+09:00", B);
		future.getProvision().getPeriod().setStartElement(new DateTimeType("2027-01-01"));
		assertThat(perFacility.decide(List.of(future), B, A, "Observation", List.of(), NOW).permitted()).isFalse();

		Consent endsToday = consent("c2", ConsentProvisionType.PERMIT, "2026-04-01T10:00:00+09:00", B);
		endsToday.getProvision().getPeriod().setEndElement(new DateTimeType(new DateType("2026-11-23").getValue(),
				ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY));
		assertThat(perFacility.decide(List.of(endsToday), B, A, "Observation", List.of(), NOW).permitted())
				.as("an end date includes its whole day").isTrue();
		assertThat(perFacility.decide(List.of(endsToday), B, A, "Observation", List.of(), Instant.parse("2026-11-25T00:00:00Z"))
				.permitted()).isFalse();
	}

	@Test
	void excludedSensitiveCategoriesAndTypesStayHidden() {
		Consent forB = consent("c1", ConsentProvisionType.PERMIT, "2026-04-01T10:00:00+09:00", B);
		Consent.ProvisionComponent exclusion = forB.getProvision().addProvision().setType(ConsentProvisionType.DENY);
		exclusion.addSecurityLabel(PSYCHIATRY.copy());
		exclusion.addClass_(new Coding("http://hl7.org/fhir/resource-types", "DocumentReference", null));

		assertThat(perFacility.decide(List.of(forB), B, A, "Condition", List.of(PSYCHIATRY), NOW))
				.extracting(ConsentDecision::permitted, ConsentDecision::reason).containsExactly(false, "excluded-category");
		assertThat(perFacility.decide(List.of(forB), B, A, "DocumentReference", List.of(), NOW).permitted()).isFalse();
		assertThat(perFacility.decide(List.of(forB), B, A, "Condition", List.of(), NOW).permitted()).isTrue();
		assertThat(perFacility.decide(List.of(forB), A, A, "Condition", List.of(PSYCHIATRY), NOW).permitted())
				.as("exclusions never hide a facility's own record").isTrue();
	}

	private static Consent consent(String id, ConsentProvisionType type, String dateTime, String... actors) {
		Consent consent = new Consent();
		consent.setId(id);
		consent.setStatus(ConsentState.ACTIVE);
		consent.setDateTimeElement(new DateTimeType(dateTime));
		consent.getProvision().setType(type).getPeriod().setStartElement(new DateTimeType("2026-01-01"));
		for (String actor : actors) {
			consent.getProvision().addActor().setReference(new Reference(actor));
		}
		return consent;
	}
}
