package jp.renkei.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.junit.jupiter.api.Test;

public class CapabilityStatementIT extends AbstractServerIT {

	static final List<String> TYPES_IN_SCOPE = List.of(
			"Patient", "Consent", "DocumentReference", "ImagingStudy", "Encounter", "Location", "Organization",
			"Practitioner", "PractitionerRole", "Condition", "AllergyIntolerance", "MedicationRequest",
			"MedicationStatement", "Observation", "Procedure", "AuditEvent", "Task", "ServiceRequest", "Binary",
			"Endpoint", "Composition");

	public static List<String> typesInScope() {
		return TYPES_IN_SCOPE;
	}

	@Test
	void metadataListsEveryResourceTypeInScope() {
		CapabilityStatement capabilities = client().capabilities().ofType(CapabilityStatement.class).execute();

		assertThat(capabilities.getFhirVersion().toCode()).isEqualTo("4.0.1");
		List<String> served = capabilities.getRest().get(0).getResource().stream()
				.map(CapabilityStatement.CapabilityStatementRestResourceComponent::getType)
				.toList();
		assertThat(served).containsAll(TYPES_IN_SCOPE);
	}
}
