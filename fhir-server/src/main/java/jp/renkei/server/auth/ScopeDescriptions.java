package jp.renkei.server.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;

/**
 * Scopes in plain words for the approval page ({@code patient/Observation.rs} → 「この患者の検査結果・観察を
 * 閲覧・検索」), from the message bundles: fixed texts for {@code openid}, {@code launch}, ...; clinical
 * scopes composed from their context, resource type and permissions.
 */
public class ScopeDescriptions {

	private final MessageSource messages;

	public ScopeDescriptions(MessageSource messages) {
		this.messages = messages;
	}

	public String describe(String scope, Locale locale) {
		Optional<SmartScope> clinical = SmartScope.parse(scope);
		if (clinical.isEmpty()) {
			return message("scope." + scope.replace('/', '.'), locale).orElse(scope);
		}
		SmartScope parsed = clinical.get();
		String type = parsed.resourceType().equals("*")
				? message("resource.all", locale).orElse("*")
				: message("resource." + parsed.resourceType(), locale).orElse(parsed.resourceType());
		List<String> permissions = new ArrayList<>();
		for (char permission : parsed.permissions().toCharArray()) {
			permissions.add(message("scope.permission." + permission, locale).orElse(String.valueOf(permission)));
		}
		String text = messages.getMessage("scope.clinical", new Object[] {
				message("scope.context." + parsed.context(), locale).orElse(parsed.context()),
				type,
				String.join(message("scope.permission.separator", locale).orElse(", "), permissions)}, locale);
		return parsed.query().isEmpty() ? text : text + " (" + parsed.query() + ")";
	}

	private Optional<String> message(String key, Locale locale) {
		try {
			return Optional.of(messages.getMessage(key, null, locale));
		} catch (NoSuchMessageException e) {
			return Optional.empty();
		}
	}
}
