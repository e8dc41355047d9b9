package jp.renkei.server.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A transaction is all or nothing, also when one entry's body does not match its URL. */
class TransactionAtomicityIT extends AbstractRequestIT {

	@Test
	void putOfAPatientToAnObservationUrlRejectsTheWholeTransaction() {
		String valid = newMarker();
		String mismatched = newMarker();
		String transaction = """
				{"resourceType":"Bundle","type":"transaction","entry":[
				 {"fullUrl":"urn:uuid:%s","resource":%s,"request":{"method":"POST","url":"Patient"}},
				 {"fullUrl":"Observation/%s","resource":%s,"request":{"method":"PUT","url":"Observation/%s"}}]}"""
				.formatted(java.util.UUID.randomUUID(), jpPatientJson(valid),
						id(mismatched), withId(jpPatientJson(mismatched), id(mismatched)), id(mismatched));

		assertClientError(send("POST", "", FHIR_JSON, utf8(transaction)));

		assertNothingStored(valid, "Patient");
		assertNothingStored(mismatched, "Patient", "Observation");
		assertThat(get("/Observation/" + id(mismatched)).statusCode()).isEqualTo(404);
		assertThat(get("/Patient/" + id(mismatched)).statusCode()).isEqualTo(404);
	}

	@Test
	void postOfAPatientToAnObservationUrlRejectsTheWholeTransaction() {
		String valid = newMarker();
		String mismatched = newMarker();
		String transaction = """
				{"resourceType":"Bundle","type":"transaction","entry":[
				 {"fullUrl":"urn:uuid:%s","resource":%s,"request":{"method":"POST","url":"Basic"}},
				 {"fullUrl":"urn:uuid:%s","resource":%s,"request":{"method":"POST","url":"Observation"}}]}"""
				.formatted(java.util.UUID.randomUUID(), basicJson(valid), java.util.UUID.randomUUID(), jpPatientJson(mismatched));

		assertClientError(send("POST", "", FHIR_JSON, utf8(transaction)));

		assertNothingStored(valid, "Basic");
		assertNothingStored(mismatched, "Patient", "Observation");
	}

	@Test
	void conditionalUpdateWithAMatchUrlOfAnotherTypeRejectsTheWholeTransaction() {
		String valid = newMarker();
		String mismatched = newMarker();
		String transaction = """
				{"resourceType":"Bundle","type":"transaction","entry":[
				 {"fullUrl":"urn:uuid:%s","resource":%s,"request":{"method":"POST","url":"Basic"}},
				 {"fullUrl":"urn:uuid:%s","resource":%s,"request":{"method":"PUT","url":"Consent?identifier=%s|%s"}}]}"""
				.formatted(java.util.UUID.randomUUID(), basicJson(valid), java.util.UUID.randomUUID(), basicJson(mismatched),
						MARKER_SYSTEM, mismatched);

		assertClientError(send("POST", "", FHIR_JSON, utf8(transaction)));

		assertNothingStored(valid, "Basic");
		assertNothingStored(mismatched, "Basic", "Consent");
	}

	@Test
	void oneInvalidEntryRejectsTheWholeTransaction() {
		String valid = newMarker();
		String invalid = newMarker();
		String transaction = """
				{"resourceType":"Bundle","type":"transaction","entry":[
				 {"fullUrl":"urn:uuid:%s","resource":%s,"request":{"method":"POST","url":"Patient"}},
				 {"fullUrl":"urn:uuid:%s","resource":%s,"request":{"method":"POST","url":"Patient"}}]}"""
				.formatted(java.util.UUID.randomUUID(), jpPatientJson(valid), java.util.UUID.randomUUID(),
						jpPatientJson(invalid).replace("\"gender\":\"male\"", "\"gender\":\"unknown-gender\""));

		assertClientError(send("POST", "", FHIR_JSON, utf8(transaction)));

		assertNothingStored(valid, "Patient");
		assertNothingStored(invalid, "Patient");
	}

	@Test
	void validTransactionIsStillAccepted() {
		String patient = newMarker();
		String basic = newMarker();
		String transaction = """
				{"resourceType":"Bundle","type":"transaction","entry":[
				 {"fullUrl":"urn:uuid:%s","resource":%s,"request":{"method":"POST","url":"Patient"}},
				 {"fullUrl":"Basic/%s","resource":%s,"request":{"method":"PUT","url":"Basic/%s"}}]}"""
				.formatted(java.util.UUID.randomUUID(), jpPatientJson(patient), id(basic), withId(basicJson(basic), id(basic)), id(basic));

		assertThat(send("POST", "", FHIR_JSON, utf8(transaction)).statusCode()).isEqualTo(200);

		assertThat(countByIdentifier("Patient", patient)).isEqualTo(1);
		assertThat(countByIdentifier("Basic", basic)).isEqualTo(1);
	}

	private static String id(String marker) {
		return "t" + marker.substring(7, 23);
	}

	private static String withId(String json, String id) {
		return json.replaceFirst("\\{\"resourceType\":\"(\\w+)\",", "{\"resourceType\":\"$1\",\"id\":\"" + id + "\",");
	}
}
