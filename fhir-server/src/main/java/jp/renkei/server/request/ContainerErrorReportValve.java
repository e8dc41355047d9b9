package jp.renkei.server.request;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Renders the errors Tomcat answers itself, before any servlet runs (a request line with raw
 * non-ASCII or forbidden characters, an oversized header), as a FHIR OperationOutcome instead of
 * Tomcat's HTML page. Requests that reached the application are left to it: this valve writes
 * only when nothing has been written yet.
 */
public class ContainerErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		String diagnostics = "HTTP " + status + ": the server could not read the request"
				+ (status == 400 ? " (malformed request line or headers: non-ASCII characters must be %-encoded as UTF-8)" : "");
		String json = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\""
				+ (status == 404 ? "not-found" : "invalid") + "\",\"diagnostics\":\"" + diagnostics + "\"}]}";
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		try {
			response.setContentType("application/fhir+json;charset=UTF-8");
			response.setContentLength(body.length);
			response.getOutputStream().write(body);
			response.finishResponse();
		} catch (IOException | IllegalStateException e) {
			// The client has gone or the response is committed: nothing more can be said.
		}
	}
}
