package jp.renkei.server.auth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/**
 * Redirects back to a client's registered redirect URI with a code or an RFC 6749 section
 * 4.1.2.1 error, always with the request's {@code state}.
 */
final class AuthorizationRedirect {

	private AuthorizationRedirect() {}

	static ModelAndView code(String redirectUri, String code, String state) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("code", code);
		parameters.put("state", state);
		return to(redirectUri, parameters);
	}

	static ModelAndView error(String redirectUri, String state, String error, String description) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("error", error);
		parameters.put("error_description", description);
		parameters.put("state", state);
		return to(redirectUri, parameters);
	}

	static ModelAndView to(String redirectUri, Map<String, String> parameters) {
		StringBuilder url = new StringBuilder(redirectUri);
		char separator = redirectUri.contains("?") ? '&' : '?';
		for (Map.Entry<String, String> parameter : parameters.entrySet()) {
			if (parameter.getValue() != null) {
				url.append(separator).append(parameter.getKey()).append('=')
						.append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
				separator = '&';
			}
		}
		return redirect(url.toString());
	}

	/** A 303 redirect to {@code url} taken literally (no template expansion, no model in the query). */
	static ModelAndView redirect(String url) {
		RedirectView view = new RedirectView(url, false, false, false);
		view.setExpandUriTemplateVariables(false);
		view.setPropagateQueryParams(false);
		return new ModelAndView(view);
	}
}
