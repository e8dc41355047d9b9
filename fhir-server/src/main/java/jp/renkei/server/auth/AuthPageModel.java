package jp.renkei.server.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Model attributes every page shares: the language switch links, which keep the page's own parameters. */
@ControllerAdvice(assignableTypes = {AuthorizationEndpoint.class, AuthorizationFlow.class, LaunchSimulator.class})
public class AuthPageModel {

	/** The parameters a page needs to be shown again; never a password, code or CSRF token. */
	private static final List<String> KEPT = List.of("request", "next", "q", "patient");

	@ModelAttribute("langLinks")
	public Map<String, String> languageLinks(HttpServletRequest request) {
		return links(request);
	}

	static Map<String, String> links(HttpServletRequest request) {
		StringBuilder query = new StringBuilder();
		for (String name : KEPT) {
			String value = request.getParameter(name);
			if (value != null && !value.isEmpty()) {
				query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&');
			}
		}
		Map<String, String> links = new LinkedHashMap<>();
		for (String language : List.of("ja", "en")) {
			links.put(language, request.getRequestURI() + "?" + query + "lang=" + language);
		}
		return links;
	}
}
