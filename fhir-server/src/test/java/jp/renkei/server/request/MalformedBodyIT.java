package jp.renkei.server.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

/**
 * Bodies that are not well-formed FHIR, or not what the URL says, are refused with a 4xx and an
 * OperationOutcome, and nothing of them is stored.
 */
class MalformedBodyIT extends AbstractRequestIT {

	@Test
	void malformedJsonIsRejected() {
		String marker = newMarker();
		String body = basicJson(marker).replace("\"code\":", "\"code\" ");

		assertRejected(send("POST", "/Basic", FHIR_JSON, utf8(body)), 400);
		assertNothingStored(marker, "Basic");
	}

	@Test
	void truncatedJsonIsRejected() {
		String marker = newMarker();
		String body = basicJson(marker);

		assertRejected(send("POST", "/Basic", FHIR_JSON, utf8(body.substring(0, body.length() - 5))), 400);
		assertNothingStored(marker, "Basic");
	}

	@Test
	void malformedXmlIsRejected() {
		String marker = newMarker();
		String body = basicXml(marker).replace("</code>", "");

		assertRejected(send("POST", "/Basic", FHIR_XML, utf8(body)), 400);
		assertNothingStored(marker, "Basic");
	}

	@Test
	void xmlWithAnExternalEntityIsRejected() {
		String marker = newMarker();
		String body = "<?xml version=\"1.0\"?><!DOCTYPE Basic [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
				+ basicXml(marker).replace("request test", "&x;");

		assertRejected(send("POST", "/Basic", FHIR_XML, utf8(body)), 400);
		assertNothingStored(marker, "Basic");
	}

	@Test
	void unknownResourceTypeIsRejected() {
		String marker = newMarker();
		String body = basicJson(marker).replace("\"Basic\"", "\"Basik\"");

		assertRejected(send("POST", "/Basic", FHIR_JSON, utf8(body)), 400);
		assertNothingStored(marker, "Basic");
	}

	@Test
	void missingResourceTypeIsRejected() {
		String marker = newMarker();
		String body = basicJson(marker).replace("\"resourceType\":\"Basic\",", "");

		assertRejected(send("POST", "/Basic", FHIR_JSON, utf8(body)), 400);
		assertNothingStored(marker, "Basic");
	}

	@Test
	void bodyOfAnotherTypeThanTheUrlIsRejected() {
		String marker = newMarker();
		String observation = """
				{"resourceType":"Observation",
				 "meta":{"profile":["http://jpfhir.jp/fhir/core/StructureDefinition/JP_Observation_Common"]},
				 "identifier":[{"system":"%s","value":"%s"}],
				 "status":"final","code":{"text":"体温"}}""".formatted(MARKER_SYSTEM, marker);

		assertRejected(send("POST", "/Patient", FHIR_JSON, utf8(observation)), 400);
		assertNothingStored(marker, "Patient", "Observation");
	}

	@Test
	void bodyOfAnotherTypeThanTheUrlIsRejectedOnUpdate() {
		String marker = newMarker();

		assertClientError(send("PUT", "/Patient/" + marker.substring(7, 20), FHIR_JSON, utf8(basicJson(marker)
				.replace("{\"resourceType\":\"Basic\",", "{\"resourceType\":\"Basic\",\"id\":\"" + marker.substring(7, 20) + "\","))));
		assertNothingStored(marker, "Patient", "Basic");
	}

	@Test
	void xmlBodyOfAnotherTypeThanTheUrlIsRejected() {
		String marker = newMarker();

		assertRejected(send("POST", "/Consent", FHIR_XML, utf8(basicXml(marker))), 400);
		assertNothingStored(marker, "Basic");
	}

	@Test
	void unknownProfileIsRejectedWith422() {
		String marker = newMarker();
		String body = basicJson(marker).replace("\"resourceType\":\"Basic\",",
				"\"resourceType\":\"Basic\",\"meta\":{\"profile\":[\"http://example.org/StructureDefinition/unknown\"]},");

		OperationOutcome outcome = assertRejected(send("POST", "/Basic", FHIR_JSON, utf8(body)), 422);

		assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("Unknown profile");
		assertNothingStored(marker, "Basic");
	}

	@Test
	void invalidCodeInARequiredBindingIsRejected() {
		String marker = newMarker();
		String body = jpPatientJson(marker).replace("\"gender\":\"male\"", "\"gender\":\"unknown-gender\"");

		assertClientError(send("POST", "/Patient", FHIR_JSON, utf8(body)));
		assertNothingStored(marker, "Patient");
	}

	@Test
	void invalidCodeInARequiredBindingOfACodeableConceptIsRejected() {
		String marker = newMarker();
		String consent = """
				{"resourceType":"Consent","identifier":[{"system":"%s","value":"%s"}],
				 "status":"active","scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"no-such-scope"}]},
				 "category":[{"coding":[{"system":"http://loinc.org","code":"59284-0"}]}],
				 "policyRule":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"OPTIN"}]}}
				""".formatted(MARKER_SYSTEM, marker);

		assertRejected(send("POST", "/Consent", FHIR_JSON, utf8(consent)), 422);
		assertNothingStored(marker, "Consent");
	}

	@Test
	void bodyOverTheSizeLimitIsRejectedWith413() {
		String marker = newMarker();
		char[] padding = new char[21 * 1024 * 1024];
		Arrays.fill(padding, 'x');
		String body = basicJson(marker).replace("request test", new String(padding));

		OperationOutcome outcome = assertRejected(send("POST", "/Basic", FHIR_JSON, utf8(body)), 413);

		assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.TOOCOSTLY);
		assertNothingStored(marker, "Basic");
	}

	@Test
	void bodyOverTheSizeLimitIsAnsweredInXmlWhenXmlWasAsked() {
		String marker = newMarker();
		char[] padding = new char[21 * 1024 * 1024];
		Arrays.fill(padding, 'y');
		String body = basicXml(marker).replace("request test", new String(padding));

		HttpResponse<String> response = send("POST", "/Basic?_format=xml", FHIR_XML, utf8(body));

		assertRejected(response, 413);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("xml");
		assertNothingStored(marker, "Basic");
	}

	@Test
	void binaryJustUnderTheSizeLimitIsAccepted() {
		byte[] scan = new byte[19 * 1024 * 1024];
		Arrays.fill(scan, (byte) 0xFF);

		assertThat(send("POST", "/Binary", "application/octet-stream", scan).statusCode()).isEqualTo(201);
	}

	@Test
	void binaryOverTheSizeLimitIsRejectedWith413() {
		byte[] scan = new byte[21 * 1024 * 1024];

		assertRejected(send("POST", "/Binary", "application/octet-stream", scan), 413);
	}

	@Test
	void gzipBodyIsInflatedWithinTheSizeLimit() throws IOException {
		String marker = newMarker();
		HttpResponse<String> created = sendGzip(utf8(basicJson(marker)));

		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(countByIdentifier("Basic", marker)).isEqualTo(1);
	}

	@Test
	void gzipBombIsRejectedWith413() throws IOException {
		String marker = newMarker();
		char[] padding = new char[30 * 1024 * 1024];
		Arrays.fill(padding, ' ');
		byte[] body = utf8(basicJson(marker).replace("\"code\":", new String(padding) + "\"code\":"));

		assertRejected(sendGzip(body), 413);
		assertNothingStored(marker, "Basic");
	}

	@Test
	void charsetOtherThanUtf8IsRejectedWith415() {
		String marker = newMarker();
		byte[] body = basicJson(marker).replace("request test", "山田").getBytes(java.nio.charset.Charset.forName("Shift_JIS"));

		assertRejected(send("POST", "/Basic", FHIR_JSON + ";charset=Shift_JIS", body), 415);
		assertNothingStored(marker, "Basic");
	}

	@Test
	void overlongUtf8IsRejected() {
		assertInvalidUtf8Rejected("C0AF", FHIR_JSON);
	}

	@Test
	void utf8EncodedSurrogateIsRejected() {
		assertInvalidUtf8Rejected("EDA080", FHIR_JSON);
	}

	@Test
	void loneFfByteIsRejected() {
		assertInvalidUtf8Rejected("FF", FHIR_JSON);
	}

	@Test
	void truncatedMultiByteSequenceIsRejected() {
		// The first two bytes of 山 (E5 B1 B1).
		assertInvalidUtf8Rejected("E5B1", FHIR_JSON);
	}

	@Test
	void invalidUtf8InXmlIsRejected() {
		assertInvalidUtf8Rejected("C0AF", FHIR_XML);
		assertInvalidUtf8Rejected("FF", FHIR_XML);
	}

	@Test
	void invalidUtf8InAJsonBodyDeclaredWithoutCharsetIsRejected() {
		assertInvalidUtf8Rejected("EDA080", "application/json");
	}

	@Test
	void validFourByteUtf8IsAccepted() {
		String marker = newMarker();
		String body = basicJson(marker).replace("request test", "𠮷野家の𩸽");

		assertThat(send("POST", "/Basic", FHIR_JSON, utf8(body)).statusCode()).isEqualTo(201);
		assertThat(countByIdentifier("Basic", marker)).isEqualTo(1);
	}

	@Test
	void binaryUploadOfANonFhirContentTypeIsStoredByteForByte() {
		byte[] pdf = HexFormat.of().parseHex("255044462D312E340AC0AFEDA080FF00FE0A2525454F460A");

		HttpResponse<String> created = send("POST", "/Binary", "application/pdf", pdf);

		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String location = created.headers().firstValue("Location").orElseThrow();
		String id = location.replaceAll(".*/Binary/([^/]+).*", "$1");
		Binary binary = (Binary) json().parseResource(get("/Binary/" + id + "?_format=json").body());
		assertThat(binary.getContentType()).isEqualTo("application/pdf");
		assertThat(binary.getData()).isEqualTo(pdf);
	}

	private HttpResponse<String> sendGzip(byte[] body) throws IOException {
		ByteArrayOutputStream compressed = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
			gzip.write(body);
		}
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/Basic"))
				.POST(HttpRequest.BodyPublishers.ofByteArray(compressed.toByteArray()))
				.header("Content-Type", FHIR_JSON)
				.header("Content-Encoding", "gzip")
				.header("Authorization", authorization())
				.build();
		try {
			return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private void assertInvalidUtf8Rejected(String hexBytes, String contentType) {
		String marker = newMarker();
		String body = contentType.contains("xml") ? basicXml(marker) : basicJson(marker);
		String[] parts = body.split("request test");
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		bytes.writeBytes(parts[0].getBytes(StandardCharsets.UTF_8));
		bytes.writeBytes("request ".getBytes(StandardCharsets.UTF_8));
		bytes.writeBytes(HexFormat.of().parseHex(hexBytes));
		bytes.writeBytes(" test".getBytes(StandardCharsets.UTF_8));
		bytes.writeBytes(parts[1].getBytes(StandardCharsets.UTF_8));

		OperationOutcome outcome = assertRejected(send("POST", "/Basic", contentType, bytes.toByteArray()), 400);

		assertThat(outcome.getIssueFirstRep().getDiagnostics()).containsIgnoringCase("UTF-8");
		assertNothingStored(marker, "Basic");
	}
}
