package jp.renkei.server.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.uhn.fhir.context.FhirContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StrictFhirJsonTest {

	private final StrictFhirJson strictJson = new StrictFhirJson(FhirContext.forR4Cached());

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"resourceType":"Patient","active":"true"}                                   | Patient.active
			{"resourceType":"Patient","active":1}                                        | Patient.active
			{"resourceType":"Patient","gender":true}                                     | Patient.gender
			{"resourceType":"Patient","gender":["male"]}                                 | Patient.gender
			{"resourceType":"Patient","gender":null}                                     | Patient.gender
			{"resourceType":"Patient","name":{"family":"x"}}                             | Patient.name
			{"resourceType":"Patient","name":[]}                                         | Patient.name
			{"resourceType":"Patient","name":[{}]}                                       | Patient.name[0]
			{"resourceType":"Patient","name":[null]}                                     | Patient.name[0]
			{"resourceType":"Patient","name":[{"given":["a",null]}]}                     | Patient.name[0].given[1]
			{"resourceType":"Patient","name":[{"family":["a"]}]}                         | Patient.name[0].family
			{"resourceType":"Patient","multipleBirthInteger":"2"}                        | Patient.multipleBirthInteger
			{"resourceType":"Patient","_active":true,"active":true}                      | Patient._active
			{"resourceType":"Patient","gender":"male","gender":"female"}                 | gender
			{"resourceType":"Patient","extension":[{"url":"u","valueDecimal":"1.5"}]}    | Patient.extension[0].valueDecimal
			{"resourceType":"Patient","modifierExtension":[{"url":"u","valueBoolean":"x"}]} | Patient.modifierExtension[0].valueBoolean
			{"resourceType":"Patient","contained":[{"resourceType":"Basic","code":{"text":5}}]} | Patient.contained[0].code.text
			{"resourceType":"Bundle","type":"batch","entry":[{"resource":{"resourceType":"Patient","active":"yes"}}]} | Bundle.entry[0].resource.active
			{"resourceType":"Parameters","parameter":[{"name":"p","valueInteger":"1"}]}  | Parameters.parameter[0].valueInteger
			{"resourceType":"Observation","status":"final","code":{"text":"a"},"valueQuantity":{"value":"1.5"}} | Observation.valueQuantity.value
			""")
	void rejectsWhatHapiWouldCoerceOrDrop(String json, String path) {
		RejectedRequestBody rejected = catchThrowableOfType(() -> strictJson.checkResource(json), RejectedRequestBody.class);

		assertThat(rejected).as(json).isNotNull();
		assertThat(rejected.status()).isEqualTo(400);
		assertThat(rejected.getMessage()).contains(path);
	}

	@ParameterizedTest
	@ValueSource(strings = {
		"{\"resourceType\":\"Patient\",\"active\":true,\"multipleBirthInteger\":2,\"gender\":\"male\"}",
		"{\"resourceType\":\"Patient\",\"name\":[{\"given\":[\"a\",null],\"_given\":[null,{\"extension\":[{\"url\":\"u\",\"valueString\":\"x\"}]}]}]}",
		"{\"resourceType\":\"Patient\",\"_birthDate\":{\"id\":\"b\"},\"birthDate\":\"1970-01-01\"}",
		"{\"resourceType\":\"Patient\",\"text\":{\"status\":\"generated\",\"div\":\"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">x</div>\"}}",
		"{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"a\"},\"valueQuantity\":{\"value\":36.5}}",
		"{\"resourceType\":\"Patient\",\"favouriteColour\":\"blue\"}",
		"{\"resourceType\":\"NoSuchType\",\"x\":1}"
	})
	void acceptsValidFhirJsonAndLeavesUnknownNamesToHapi(String json) {
		assertThatCode(() -> strictJson.checkResource(json)).doesNotThrowAnyException();
	}

	@ParameterizedTest
	@ValueSource(strings = {"{\"a\":1,\"a\":2}", "[{\"op\":\"add\"}] x", "{\"a\":", ""})
	void syntaxCheckFindsDuplicatesAndGarbage(String json) {
		assertThat(catchThrowableOfType(() -> strictJson.checkSyntax(json), RejectedRequestBody.class)).isNotNull();
	}
}
