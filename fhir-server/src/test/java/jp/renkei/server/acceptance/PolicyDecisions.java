package jp.renkei.server.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import jp.renkei.server.consent.ConsentEvaluator;
import jp.renkei.server.consent.ConsentIndex;
import jp.renkei.server.consent.PatientData;
import jp.renkei.server.consent.RegionConsentPolicy;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Resource;

/**
 * The region's consent decision under a policy other than the one the test server is configured
 * with ({@code renkei.consent.policy} is server configuration, and all integration tests share one
 * server). It decides the way {@code RegionConsentService} does, with the server's own components:
 * the stored resources (read over HTTP by the region operator, with the holding-facility tag the
 * server stamped), {@link PatientData} for whose record a resource is and which facility holds it,
 * {@link ConsentIndex} for the patient's consents, and {@link ConsentEvaluator} with the policy of the
 * scenario. Only the HTTP layer of the facility's own request is not exercised.
 */
final class PolicyDecisions {

	private final PatientData patientData;
	private final ConsentIndex consents;
	private final ConsentEvaluator evaluator;

	PolicyDecisions(PatientData patientData, ConsentIndex consents, RegionConsentPolicy policy) {
		this.patientData = patientData;
		this.consents = consents;
		this.evaluator = new ConsentEvaluator(policy);
	}

	/** Whether a caller acting for {@code organization} sees {@code resource} under the policy. */
	boolean visible(Resource resource, String organization) {
		PatientData.Lookups lookups = patientData.lookups();
		Set<String> owners = patientData.owners(resource, lookups);
		assertThat(owners).as("whose record %s is", resource.getIdElement()).isNotEmpty();
		String holder = patientData.holder(resource, owners, lookups).orElse("");
		List<Coding> labels = resource.getMeta().getSecurity();
		for (String owner : owners) {
			if (!evaluator.decide(consents.forPatient(owner), organization, holder, resource.fhirType(), labels, Instant.now())
					.permitted()) {
				return false;
			}
		}
		return true;
	}

	/** What a facility sees of the patient's record under the policy. */
	record View(boolean patientVisible, List<String> visibleObservations) implements RecordView {

		@Override
		public void assertVisible(List<String> observationIds) {
			assertThat(patientVisible).as("the patient is visible").isTrue();
			assertThat(visibleObservations).containsExactlyInAnyOrderElementsOf(observationIds);
		}

		@Override
		public void assertNothingVisible() {
			assertThat(patientVisible).as("the patient is visible").isFalse();
			assertThat(visibleObservations).isEmpty();
		}
	}
}
