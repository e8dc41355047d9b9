package jp.renkei.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import jp.renkei.server.AbstractServerIT;
import jp.renkei.server.JpCoreExamples;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

class JpCoreConformanceIT extends AbstractServerIT {

	private static final String JP_PATIENT = "http://jpfhir.jp/fhir/core/StructureDefinition/JP_Patient";

	@Test
	void allJpCoreExamplesAreAcceptedInOneTransaction() {
		Bundle transaction = JpCoreExamples.asTransaction();
		assertThat(transaction.getEntry()).hasSize(76);

		Bundle response = client().transaction().withBundle(transaction).execute();

		assertThat(response.getEntry()).hasSize(76);
		assertThat(response.getEntry())
				.allSatisfy(e -> assertThat(e.getResponse().getStatus()).matches("20[01].*"));
		assertThat(get("/Patient/jp-patient-example-1").statusCode()).isEqualTo(200);
		assertThat(get("/ImagingStudy/jp-imagingstudy-radiology-example-1").statusCode()).isEqualTo(200);
	}

	@Test
	void patientMissingJpCoreRequiredElementsIsRejectedWith422AndNotStored() {
		String marker = "未登録" + UUID.randomUUID().toString().substring(0, 8);
		String body = """
				{"resourceType":"Patient",
				 "meta":{"profile":["%s"]},
				 "name":[{"family":"%s","given":["太郎"]}]}
				""".formatted(JP_PATIENT, marker);

		HttpResponse<String> response = send("POST", "/Patient", "application/fhir+json", body.getBytes(StandardCharsets.UTF_8));

		assertThat(response.statusCode()).isEqualTo(422);
		OperationOutcome outcome = (OperationOutcome) FHIR.newJsonParser().parseResource(response.body());
		assertThat(outcome.getIssue())
				.anySatisfy(issue -> {
					assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
					assertThat(issue.getDiagnostics()).contains("Patient.identifier");
					assertThat(issue.getExpression()).isNotEmpty();
				});
		assertThat(countPatientsNamed(marker)).isZero();
	}

	@Test
	void requiredTypeWithoutJpCoreProfileIsRejected() {
		HttpResponse<String> response = send("POST", "/Patient", "application/fhir+json",
				"{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"山田\"}]}".getBytes(StandardCharsets.UTF_8));

		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(response.body()).contains("must claim a JP Core profile").contains("Patient.meta.profile");
	}

	@Test
	void unknownProfileIsRejected() {
		HttpResponse<String> response = send("POST", "/Consent", "application/fhir+json", """
				{"resourceType":"Consent","meta":{"profile":["http://example.org/StructureDefinition/unknown"]},
				 "status":"active","scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy"}]},
				 "category":[{"coding":[{"system":"http://loinc.org","code":"59284-0"}]}],
				 "policyRule":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"OPTIN"}]}}
				""".getBytes(StandardCharsets.UTF_8));

		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(response.body()).contains("Unknown profile").contains("Consent.meta.profile[0]");
	}

	@Test
	void invalidCodeInRequiredBindingIsRejected() {
		// JP Core example patient with a gender code outside the required AdministrativeGender binding.
		String body = JpCoreExamples.files().stream()
				.filter(f -> f.getFileName().toString().startsWith("Patient-"))
				.map(JpCoreExamples::parse)
				.map(p -> FHIR.newJsonParser().encodeResourceToString(p))
				.findFirst().orElseThrow()
				.replace("\"id\":\"jp-patient-example-1\",", "")
				.replace("\"gender\":\"male\"", "\"gender\":\"unknown-gender\"");

		HttpResponse<String> response = send("POST", "/Patient", "application/fhir+json", body.getBytes(StandardCharsets.UTF_8));

		assertThat(response.statusCode()).isBetween(400, 499);
		assertThat(response.body()).contains("OperationOutcome").contains("unknown-gender");
	}

	private int countPatientsNamed(String family) {
		Bundle bundle = client().search().forResource("Patient")
				.where(org.hl7.fhir.r4.model.Patient.FAMILY.matchesExactly().value(family))
				.returnBundle(Bundle.class).execute();
		return bundle.getEntry().size();
	}
}
