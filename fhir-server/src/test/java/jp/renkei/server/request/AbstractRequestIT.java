package jp.renkei.server.request;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.parser.IParser;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import jp.renkei.server.AbstractServerIT;
import jp.renkei.server.JpCoreExamples;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;

/**
 * Helpers for the tests of bad requests: what a rejected request must look like (a 4xx with an
 * OperationOutcome, never an HTML page) and that nothing of it reached the database.
 */
abstract class AbstractRequestIT extends AbstractServerIT {

	static final String FHIR_JSON = "application/fhir+json";
	static final String FHIR_XML = "application/fhir+xml";
	static final String MARKER_SYSTEM = "urn:renkei:test:request-marker";
	static final String JP_PATIENT_ID_SYSTEM = "urn:oid:1.2.392.100495.20.3.51.11311234567";

	static String newMarker() {
		return "marker-" + UUID.randomUUID();
	}

	/** A Basic resource (base R4 only) carrying the marker as its identifier. */
	static String basicJson(String marker) {
		return """
				{"resourceType":"Basic",
				 "identifier":[{"system":"%s","value":"%s"}],
				 "code":{"text":"request test"}}""".formatted(MARKER_SYSTEM, marker);
	}

	static String basicXml(String marker) {
		return """
				<Basic xmlns="http://hl7.org/fhir">
				  <identifier><system value="%s"/><value value="%s"/></identifier>
				  <code><text value="request test"/></code>
				</Basic>""".formatted(MARKER_SYSTEM, marker);
	}

	/** JP Core's example patient without its id, identified by the marker. */
	static Patient jpPatient(String marker) {
		Patient patient = (Patient) JpCoreExamples.parse(
				fhirPackages().resolve("jp-core-examples").resolve("Patient-jp-patient-example-1.json"));
		patient.setId((String) null);
		patient.getIdentifierFirstRep().setSystem(JP_PATIENT_ID_SYSTEM).setValue(marker);
		return patient;
	}

	static String jpPatientJson(String marker) {
		return json().encodeResourceToString(jpPatient(marker));
	}

	static IParser json() {
		return FHIR.newJsonParser();
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** Asserts a 4xx answered with a FHIR OperationOutcome carrying an error, and returns it. */
	OperationOutcome assertRejected(HttpResponse<String> response, int expectedStatus) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
		return assertOperationOutcome(response);
	}

	OperationOutcome assertClientError(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
		return assertOperationOutcome(response);
	}

	OperationOutcome assertOperationOutcome(HttpResponse<String> response) {
		String contentType = response.headers().firstValue("Content-Type").orElse("");
		assertThat(contentType).as(response.body()).containsAnyOf("fhir+json", "fhir+xml", "application/json");
		IParser parser = contentType.contains("xml") ? FHIR.newXmlParser() : FHIR.newJsonParser();
		OperationOutcome outcome = (OperationOutcome) parser.parseResource(response.body());
		assertThat(outcome.getIssue())
				.anySatisfy(issue -> assertThat(issue.getSeverity()).isIn(
						OperationOutcome.IssueSeverity.ERROR, OperationOutcome.IssueSeverity.FATAL));
		return outcome;
	}

	/** How many resources of a type carry the marker as identifier value (any system). */
	int countByIdentifier(String type, String marker) {
		HttpResponse<String> response = get("/" + type + "?identifier=" + URLEncoder.encode(marker, StandardCharsets.UTF_8)
				+ "&_summary=count");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return ((Bundle) json().parseResource(response.body())).getTotal();
	}

	void assertNothingStored(String marker, String... types) {
		for (String type : types) {
			assertThat(countByIdentifier(type, marker)).as("%s with %s", type, marker).isZero();
		}
	}
}
