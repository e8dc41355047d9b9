package jp.renkei.server.request;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Writes an error as a FHIR OperationOutcome for requests refused before HAPI's RestfulServer
 * handles them (which answers its own errors the same way): JSON, or XML when the client asked
 * for XML.
 */
public final class OperationOutcomeResponse {

	private final FhirContext fhirContext;

	public OperationOutcomeResponse(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	/** Answers the request with the given status and one error issue. */
	public void write(HttpServletRequest request, HttpServletResponse response, int status, IssueType issueType,
			String diagnostics) throws IOException {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue()
				.setSeverity(OperationOutcome.IssueSeverity.ERROR)
				.setCode(issueType)
				.setDiagnostics(diagnostics);
		boolean xml = wantsXml(request);
		IParser parser = xml ? fhirContext.newXmlParser() : fhirContext.newJsonParser();
		byte[] body = parser.encodeResourceToString(outcome).getBytes(StandardCharsets.UTF_8);
		response.resetBuffer();
		response.setStatus(status);
		response.setContentType((xml ? "application/fhir+xml" : "application/fhir+json") + ";charset=UTF-8");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		response.flushBuffer();
	}

	/**
	 * XML when {@code _format} or the Accept header asks for it, or when the client sent XML and
	 * did not ask for anything else; JSON otherwise (the server's default).
	 */
	static boolean wantsXml(HttpServletRequest request) {
		String format = lower(formatParameter(request));
		if (!format.isEmpty()) {
			return format.contains("xml");
		}
		String accept = lower(request.getHeader("Accept"));
		if (accept.contains("json")) {
			return false;
		}
		if (accept.contains("xml")) {
			return true;
		}
		return lower(request.getContentType()).contains("xml");
	}

	/** {@code _format} from the query string only: reading form parameters would consume the body. */
	private static String formatParameter(HttpServletRequest request) {
		String query = request.getQueryString();
		if (query == null) {
			return "";
		}
		for (String pair : query.split("&")) {
			if (pair.startsWith("_format=")) {
				try {
					return URLDecoder.decode(pair.substring("_format=".length()), StandardCharsets.UTF_8);
				} catch (IllegalArgumentException malformedEscape) {
					return "";
				}
			}
		}
		return "";
	}

	private static String lower(String value) {
		return value == null ? "" : value.toLowerCase(Locale.ROOT);
	}
}
