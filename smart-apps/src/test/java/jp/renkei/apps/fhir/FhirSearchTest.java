package jp.renkei.apps.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FhirSearchTest {

	@Test
	void buildsASearchStepByStepWithoutChangingEarlierSteps() {
		FhirSearch locations = FhirSearch.forType("Location");
		FhirSearch activeBeds = locations
				.where("physical-type", "bd")
				.where("status", "active")
				.include("Location:organization")
				.elements("operationalStatus", "managingOrganization");

		assertThat(activeBeds.resourceType()).isEqualTo("Location");
		assertThat(activeBeds.criteria()).isEqualTo(Map.of("physical-type", List.of("bd"), "status", List.of("active")));
		assertThat(activeBeds.includes()).containsExactly("Location:organization");
		assertThat(activeBeds.elements()).containsExactly("operationalStatus", "managingOrganization");
		assertThat(locations.criteria()).isEmpty();
		assertThat(locations.includes()).isEmpty();
	}

	@Test
	void repeatsAParameterToAndItsValues() {
		FhirSearch search = FhirSearch.forType("Location")
				.where("operational-status", "U")
				.where("operational-status", "H");

		assertThat(search.criteria()).containsExactly(Map.entry("operational-status", List.of("U", "H")));
	}
}
