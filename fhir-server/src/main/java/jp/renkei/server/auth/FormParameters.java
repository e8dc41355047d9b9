package jp.renkei.server.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.MediaType;

/**
 * The form parameters of an OAuth request: RFC 6749 requires {@code application/x-www-form-urlencoded}
 * and forbids repeating a parameter, so both are refused with {@code invalid_request} here rather
 * than left to Spring's generic errors.
 */
final class FormParameters {

	private FormParameters() {}

	static Map<String, String> of(HttpServletRequest request) {
		String contentType = request.getContentType();
		if (contentType == null || !MediaType.APPLICATION_FORM_URLENCODED.includes(MediaType.parseMediaType(contentType))) {
			throw OAuthException.invalidRequest("the body must be application/x-www-form-urlencoded");
		}
		Map<String, String> parameters = new HashMap<>();
		request.getParameterMap().forEach((name, values) -> {
			if (values.length > 1) {
				throw OAuthException.invalidRequest("parameter " + name + " is repeated");
			}
			if (!values[0].isEmpty()) {
				// RFC 6749 section 3.1: a parameter sent without a value is treated as omitted.
				parameters.put(name, values[0]);
			}
		});
		return parameters;
	}
}
