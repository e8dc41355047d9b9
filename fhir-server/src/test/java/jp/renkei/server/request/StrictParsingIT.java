package jp.renkei.server.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

/**
 * Well-formed JSON or XML that is not valid FHIR is refused, never silently dropped or coerced:
 * unknown elements, wrong JSON datatypes, arrays where one value belongs (and the reverse),
 * nulls and duplicate keys.
 */
class StrictParsingIT extends AbstractRequestIT {

	@Test
	void unknownElementIsRejected() {
		assertPatientRejected("\"resourceType\":\"Patient\",\"favouriteColour\":\"blue\",", "favouriteColour");
	}

	@Test
	void unknownElementInsideADatatypeIsRejected() {
		String marker = newMarker();
		String body = basicJson(marker).replace("\"text\":\"request test\"", "\"text\":\"request test\",\"txet\":\"x\"");

		assertRejected(send("POST", "/Basic", FHIR_JSON, utf8(body)), 400);
		assertNothingStored(marker, "Basic");
	}

	@Test
	void unknownXmlElementIsRejected() {
		String marker = newMarker();
		String body = basicXml(marker).replace("<code>", "<favouriteColour value=\"blue\"/><code>");

		assertRejected(send("POST", "/Basic", FHIR_XML, utf8(body)), 400);
		assertNothingStored(marker, "Basic");
	}

	@Test
	void stringWhereABooleanBelongsIsRejected() {
		assertPatientRejected("\"resourceType\":\"Patient\",\"active\":\"yes\",", "active");
	}

	@Test
	void quotedBooleanIsRejectedNotCoerced() {
		assertPatientRejected("\"resourceType\":\"Patient\",\"active\":\"true\",", "active");
	}

	@Test
	void numberWhereABooleanBelongsIsRejected() {
		assertPatientRejected("\"resourceType\":\"Patient\",\"active\":1,", "active");
	}

	@Test
	void quotedIntegerIsRejectedNotCoerced() {
		assertPatientRejected("\"resourceType\":\"Patient\",\"multipleBirthInteger\":\"2\",", "multipleBirthInteger");
	}

	@Test
	void numberWhereAStringBelongsIsRejected() {
		String marker = newMarker();
		String body = basicJson(marker).replace("\"text\":\"request test\"", "\"text\":42");

		assertRejected(send("POST", "/Basic", FHIR_JSON, utf8(body)), 400);
		assertNothingStored(marker, "Basic");
	}

	@Test
	void quotedDecimalInAnExtensionIsRejected() {
		String marker = newMarker();
		String body = basicJson(marker).replace("\"resourceType\":\"Basic\",",
				"\"resourceType\":\"Basic\",\"extension\":[{\"url\":\"http://example.org/weight\",\"valueDecimal\":\"61.5\"}],");

		assertRejected(send("POST", "/Basic", FHIR_JSON, utf8(body)), 400);
		assertNothingStored(marker, "Basic");
	}

	@Test
	void arrayWhereOneValueBelongsIsRejected() {
		assertPatientRejected("\"resourceType\":\"Patient\",\"maritalStatus\":[{\"text\":\"未婚\"}],", "maritalStatus");
	}

	@Test
	void singleValueWhereAnArrayBelongsIsRejected() {
		String marker = newMarker();
		String body = basicJson(marker).replace("\"identifier\":[{", "\"identifier\":{").replace("}],", "},");

		assertRejected(send("POST", "/Basic", FHIR_JSON, utf8(body)), 400);
		assertNothingStored(marker, "Basic");
	}

	@Test
	void nullValueIsRejected() {
		assertPatientRejected("\"resourceType\":\"Patient\",\"deceasedBoolean\":null,", "deceasedBoolean");
	}

	@Test
	void emptyObjectIsRejected() {
		assertPatientRejected("\"resourceType\":\"Patient\",\"maritalStatus\":{},", "maritalStatus");
	}

	@Test
	void duplicateKeyIsRejected() {
		String marker = newMarker();
		String body = jpPatientJson(marker).replace("\"gender\":\"male\"", "\"gender\":\"male\",\"gender\":\"female\"");

		OperationOutcome outcome = assertRejected(send("POST", "/Patient", FHIR_JSON, utf8(body)), 400);

		assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("gender");
		assertNothingStored(marker, "Patient");
	}

	@Test
	void duplicateKeyDeepInsideIsRejected() {
		String marker = newMarker();
		String body = basicJson(marker).replace("\"text\":\"request test\"", "\"text\":\"a\",\"text\":\"b\"");

		assertRejected(send("POST", "/Basic", FHIR_JSON, utf8(body)), 400);
		assertNothingStored(marker, "Basic");
	}

	@Test
	void duplicateKeyInsideATransactionEntryIsRejected() {
		String marker = newMarker();
		String transaction = """
				{"resourceType":"Bundle","type":"transaction","entry":[
				 {"resource":%s,"request":{"method":"POST","url":"Basic"}}]}"""
				.formatted(basicJson(marker).replace("\"text\":\"request test\"", "\"text\":\"a\",\"text\":\"b\""));

		assertRejected(send("POST", "", FHIR_JSON, utf8(transaction)), 400);
		assertNothingStored(marker, "Basic");
	}

	@Test
	void validPatientIsStillAccepted() {
		String marker = newMarker();
		String body = jpPatientJson(marker).replace("\"resourceType\":\"Patient\",",
				"\"resourceType\":\"Patient\",\"active\":true,\"multipleBirthInteger\":2,");

		assertThat(send("POST", "/Patient", FHIR_JSON, utf8(body)).statusCode()).isEqualTo(201);
		assertThat(countByIdentifier("Patient", marker)).isEqualTo(1);
	}

	@Test
	void primitiveExtensionsAndNullPlaceholdersInArraysAreStillAccepted() {
		String marker = newMarker();
		// FHIR JSON: "_given" carries an extension of the second given name; the first is null.
		String body = jpPatientJson(marker).replace("\"given\":[\"太郎\"]",
				"\"given\":[\"太郎\",\"一\"],\"_given\":[null,{\"extension\":[{\"url\":\"http://example.org/x\",\"valueString\":\"y\"}]}]");

		assertThat(send("POST", "/Patient", FHIR_JSON, utf8(body)).statusCode()).isEqualTo(201);
		assertThat(countByIdentifier("Patient", marker)).isEqualTo(1);
	}

	private void assertPatientRejected(String replacement, String element) {
		String marker = newMarker();
		String body = jpPatientJson(marker).replace("\"resourceType\":\"Patient\",", replacement);
		assertThat(body).contains(element);

		OperationOutcome outcome = assertRejected(send("POST", "/Patient", FHIR_JSON, utf8(body)), 400);

		assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains(element);
		assertNothingStored(marker, "Patient");
	}
}
