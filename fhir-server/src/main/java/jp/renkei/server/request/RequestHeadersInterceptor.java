package jp.renkei.server.request;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import jp.renkei.server.config.FhirServerInterceptor;

/**
 * Refuses request headers HAPI would otherwise misread or ignore: an {@code If-Match} or
 * {@code If-None-Match} that is not a version ETag (HAPI would take {@code garbage} as a version
 * and answer a misleading 409), and a {@code Prefer} header with preferences or values FHIR does
 * not define (HAPI would ignore them and, for example, return a representation the client asked
 * not to get).
 */
@Interceptor
public class RequestHeadersInterceptor implements FhirServerInterceptor {

	private static final Pattern VERSION_ETAG = Pattern.compile("(W/)?\"[0-9]{1,18}\"");
	private static final Pattern PREFERENCE = Pattern.compile(
			"\\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)\\s*(?:=\\s*(\"[^\"]*\"|[A-Za-z0-9!#$%&'*+.^_`|~-]+))?\\s*(;.*)?");
	/** The preferences FHIR defines, with their values (an empty set: the preference has no value). */
	private static final Map<String, Set<String>> PREFERENCES = Map.of(
			Constants.HEADER_PREFER_RETURN, Set.of(
					Constants.HEADER_PREFER_RETURN_MINIMAL,
					Constants.HEADER_PREFER_RETURN_REPRESENTATION,
					Constants.HEADER_PREFER_RETURN_OPERATION_OUTCOME),
			Constants.HEADER_PREFER_HANDLING, Set.of(
					Constants.HEADER_PREFER_HANDLING_STRICT, Constants.HEADER_PREFER_HANDLING_LENIENT),
			Constants.HEADER_PREFER_RESPOND_ASYNC, Set.of());

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public boolean checkHeaders(RequestDetails request) {
		checkEtag(request, Constants.HEADER_IF_MATCH, false);
		checkEtag(request, Constants.HEADER_IF_NONE_MATCH, true);
		for (String prefer : request.getHeaders(Constants.HEADER_PREFER)) {
			checkPrefer(prefer);
		}
		return true;
	}

	private static void checkEtag(RequestDetails request, String header, boolean wildcardAllowed) {
		List<String> values = request.getHeaders(header);
		if (values.size() > 1) {
			throw new InvalidRequestException(header + " may be sent only once");
		}
		for (String value : values) {
			String etag = value.trim();
			if (!VERSION_ETAG.matcher(etag).matches() && !(wildcardAllowed && etag.equals("*"))) {
				throw new InvalidRequestException(header + " must be the ETag of a resource version, such as W/\"3\"; was "
						+ shorten(value));
			}
		}
	}

	private static void checkPrefer(String header) {
		for (String preference : header.split(",")) {
			if (preference.isBlank()) {
				continue;
			}
			var matcher = PREFERENCE.matcher(preference);
			if (!matcher.matches()) {
				throw new InvalidRequestException("Unreadable Prefer header: " + shorten(header));
			}
			String name = matcher.group(1).toLowerCase(Locale.ROOT);
			String value = matcher.group(2) == null ? null : matcher.group(2).replace("\"", "");
			Set<String> allowed = PREFERENCES.get(name);
			if (allowed == null) {
				throw new InvalidRequestException("Unknown preference '" + shorten(name) + "' in Prefer; this server understands "
						+ String.join(", ", PREFERENCES.keySet().stream().sorted().toList()));
			}
			if (allowed.isEmpty() ? value != null : (value == null || !allowed.contains(value))) {
				throw new InvalidRequestException("Prefer: " + name + (value == null ? "" : "=" + shorten(value))
						+ " is not supported; " + (allowed.isEmpty() ? "it takes no value"
								: "use one of " + String.join(", ", allowed.stream().sorted().toList())));
			}
		}
	}

	private static String shorten(String text) {
		return text.length() <= 100 ? text : text.substring(0, 100) + "…";
	}
}
