package jp.renkei.server.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

/**
 * Garbage in headers, PATCH bodies and the request line gets a 4xx with an OperationOutcome and
 * changes nothing.
 */
class GarbageInRequestIT extends AbstractRequestIT {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@Test
	void garbageIfMatchIsRejectedAndTheResourceIsUnchanged() throws Exception {
		String marker = newMarker();
		String id = create(marker);

		HttpResponse<String> response = sendWithHeader("PUT", "/Basic/" + id, FHIR_JSON,
				basicJson(marker).replace("\"resourceType\":\"Basic\",", "\"resourceType\":\"Basic\",\"id\":\"" + id + "\",")
						.replace("request test", "changed"),
				"If-Match", "garbage");

		assertThat(response.statusCode()).as(response.body()).isIn(400, 412);
		assertOperationOutcome(response);
		assertUnchanged(id);
	}

	@Test
	void ifMatchOfAnOldVersionIsAConflict() throws Exception {
		String marker = newMarker();
		String id = create(marker);

		HttpResponse<String> response = sendWithHeader("PUT", "/Basic/" + id, FHIR_JSON,
				basicJson(marker).replace("\"resourceType\":\"Basic\",", "\"resourceType\":\"Basic\",\"id\":\"" + id + "\",")
						.replace("request test", "changed"),
				"If-Match", "W/\"7\"");

		assertThat(response.statusCode()).as(response.body()).isIn(409, 412);
		assertOperationOutcome(response);
		assertUnchanged(id);
	}

	@Test
	void garbagePreferIsRejected() throws Exception {
		String marker = newMarker();

		HttpResponse<String> response = sendWithHeader("POST", "/Basic", FHIR_JSON, basicJson(marker), "Prefer", "garbage");

		assertRejected(response, 400);
		assertNothingStored(marker, "Basic");
	}

	@Test
	void unknownPreferReturnIsRejected() throws Exception {
		String marker = newMarker();

		HttpResponse<String> response = sendWithHeader("POST", "/Basic", FHIR_JSON, basicJson(marker), "Prefer", "return=everything");

		assertRejected(response, 400);
		assertNothingStored(marker, "Basic");
	}

	@Test
	void knownPreferIsHonoured() throws Exception {
		String marker = newMarker();

		HttpResponse<String> response = sendWithHeader("POST", "/Basic", FHIR_JSON, basicJson(marker), "Prefer", "return=minimal");

		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.body()).isEmpty();
		assertThat(countByIdentifier("Basic", marker)).isEqualTo(1);
	}

	@Test
	void jsonPatchThatIsNotAnArrayIsRejected() throws Exception {
		String id = create(newMarker());

		assertClientError(send("PATCH", "/Basic/" + id, "application/json-patch+json",
				utf8("{\"op\":\"replace\",\"path\":\"/code/text\",\"value\":\"changed\"}")));
		assertUnchanged(id);
	}

	@Test
	void jsonPatchOnANonexistentPathIsRejected() throws Exception {
		String id = create(newMarker());

		assertClientError(send("PATCH", "/Basic/" + id, "application/json-patch+json",
				utf8("[{\"op\":\"replace\",\"path\":\"/code/text\",\"value\":\"changed\"},"
						+ "{\"op\":\"remove\",\"path\":\"/no/such/path\"}]")));
		assertUnchanged(id);
	}

	@Test
	void jsonPatchWithAnUnknownOpIsRejected() throws Exception {
		String id = create(newMarker());

		assertClientError(send("PATCH", "/Basic/" + id, "application/json-patch+json",
				utf8("[{\"op\":\"frobnicate\",\"path\":\"/code/text\",\"value\":\"changed\"}]")));
		assertUnchanged(id);
	}

	@Test
	void jsonPatchThatMakesTheResourceInvalidIsRejected() throws Exception {
		String id = create(newMarker());

		assertClientError(send("PATCH", "/Basic/" + id, "application/json-patch+json",
				utf8("[{\"op\":\"add\",\"path\":\"/favouriteColour\",\"value\":\"blue\"}]")));
		assertUnchanged(id);
	}

	@Test
	void fhirPathPatchWithAnInvalidPathIsRejected() throws Exception {
		String id = create(newMarker());
		String parameters = """
				{"resourceType":"Parameters","parameter":[{"name":"operation","part":[
				 {"name":"type","valueCode":"replace"},
				 {"name":"path","valueString":"Basic.code.(((text"},
				 {"name":"value","valueString":"changed"}]}]}""";

		assertClientError(send("PATCH", "/Basic/" + id, FHIR_JSON, utf8(parameters)));
		assertUnchanged(id);
	}

	@Test
	void fhirPathPatchOnAnUnknownElementIsRejected() throws Exception {
		String id = create(newMarker());
		String parameters = """
				{"resourceType":"Parameters","parameter":[{"name":"operation","part":[
				 {"name":"type","valueCode":"add"},
				 {"name":"path","valueString":"Basic"},
				 {"name":"name","valueString":"favouriteColour"},
				 {"name":"value","valueString":"blue"}]}]}""";

		assertClientError(send("PATCH", "/Basic/" + id, FHIR_JSON, utf8(parameters)));
		assertUnchanged(id);
	}

	@Test
	void patchWithAnUnsupportedContentTypeIsRejected() throws Exception {
		String id = create(newMarker());

		assertClientError(send("PATCH", "/Basic/" + id, "text/plain", utf8("code.text = changed")));
		assertUnchanged(id);
	}

	@Test
	void rawNonAsciiInTheRequestLineGetsAnOperationOutcome() throws IOException {
		String answer = rawRequest(("GET /fhir/Patient?name=山田 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));

		assertContainerErrorIsAnOperationOutcome(answer);
	}

	@Test
	void invalidCharacterInTheRequestTargetGetsAnOperationOutcome() throws IOException {
		String answer = rawRequest("GET /fhir/Patient?name={|} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
				.getBytes(StandardCharsets.US_ASCII));

		assertContainerErrorIsAnOperationOutcome(answer);
	}

	@Test
	void oversizedRequestLineGetsAnOperationOutcome() throws IOException {
		String answer = rawRequest(("GET /fhir/Patient?name=" + "x".repeat(100 * 1024)
				+ " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));

		assertContainerErrorIsAnOperationOutcome(answer);
	}

	private void assertContainerErrorIsAnOperationOutcome(String answer) {
		String statusLine = answer.lines().findFirst().orElse("");
		assertThat(statusLine).as(answer).matches("HTTP/1\\.1 4\\d\\d.*");
		assertThat(answer).as(answer).containsIgnoringCase("Content-Type: application/fhir+json");
		assertThat(answer).doesNotContainIgnoringCase("<html");
		String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
		OperationOutcome outcome = (OperationOutcome) json().parseResource(body);
		assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
	}

	private String rawRequest(byte[] request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(request);
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			in.transferTo(answer);
			return answer.toString(StandardCharsets.UTF_8);
		}
	}

	private String create(String marker) {
		HttpResponse<String> created = send("POST", "/Basic", FHIR_JSON, utf8(basicJson(marker)));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return ((Basic) json().parseResource(created.body())).getIdElement().getIdPart();
	}

	private void assertUnchanged(String id) {
		Basic basic = (Basic) json().parseResource(get("/Basic/" + id).body());
		assertThat(basic.getMeta().getVersionId()).isEqualTo("1");
		assertThat(basic.getCode().getText()).isEqualTo("request test");
	}

	private HttpResponse<String> sendWithHeader(String method, String path, String contentType, String body,
			String header, String value) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
				.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
				.header("Content-Type", contentType)
				.header("Authorization", authorization())
				.header(header, value)
				.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
	}
}
