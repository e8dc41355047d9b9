package jp.renkei.server.auth;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SMART clinical scope ({@code patient|user|system/<type or *>.<permissions>[?query]}), v1
 * ({@code read}, {@code write}, {@code *}) or v2 ({@code cruds} letters in that order), reduced to
 * the set of interactions it permits so v1 and v2 scopes compare with each other.
 *
 * @param context {@code patient}, {@code user} or {@code system}
 * @param resourceType a FHIR resource type or {@code *}
 * @param permissions a subset of {@code c r u d s}, in that order
 * @param query a v2 granular restriction ({@code category=...}), empty when none
 */
public record SmartScope(String context, String resourceType, String permissions, String query) {

	private static final Pattern SCOPE = Pattern.compile(
			"(patient|user|system)/(\\*|[A-Z][A-Za-z]+)\\.(read|write|\\*|c?r?u?d?s?)(?:\\?(.+))?");
	private static final String ALL = "cruds";

	/** Parses {@code scope}; empty when it is not a clinical scope ({@code openid}, {@code launch}, ...) or malformed. */
	public static Optional<SmartScope> parse(String scope) {
		Matcher matcher = SCOPE.matcher(scope);
		if (!matcher.matches() || matcher.group(3).isEmpty()) {
			return Optional.empty();
		}
		String permissions = switch (matcher.group(3)) {
			case "read" -> "rs";
			case "write" -> "cud";
			case "*" -> ALL;
			default -> matcher.group(3);
		};
		return Optional.of(new SmartScope(matcher.group(1), matcher.group(2), permissions,
				matcher.group(4) == null ? "" : matcher.group(4)));
	}

	/** Whether everything {@code other} permits is permitted by this scope. */
	public boolean covers(SmartScope other) {
		return context.equals(other.context)
				&& (resourceType.equals("*") || resourceType.equals(other.resourceType))
				&& other.permissions.chars().allMatch(c -> permissions.indexOf(c) >= 0)
				&& (query.isEmpty() || query.equals(other.query));
	}

	/**
	 * The scopes to grant: each requested scope an allowed scope covers, as requested; for a
	 * requested scope broader than what is allowed, the allowed scopes it covers (the client asked
	 * for {@code system/*.read} and may read only Patient: it gets {@code system/Patient.read}).
	 * Non-clinical scopes are granted only when allowed verbatim.
	 *
	 * @param requested the scopes the client asked for
	 * @param allowed the scopes the client is registered for
	 * @param contexts the scope contexts the grant type can serve ({@code system} for client_credentials)
	 */
	public static Set<String> grant(List<String> requested, List<String> allowed, Set<String> contexts) {
		Set<String> granted = new LinkedHashSet<>();
		for (String scope : requested) {
			Optional<SmartScope> clinical = parse(scope);
			if (clinical.isEmpty()) {
				if (allowed.contains(scope) && !scope.contains("/")) {
					granted.add(scope);
				}
				continue;
			}
			SmartScope wanted = clinical.get();
			if (!contexts.contains(wanted.context)) {
				continue;
			}
			boolean coveredByOne = allowed.stream().map(SmartScope::parse).flatMap(Optional::stream)
					.anyMatch(permitted -> permitted.covers(wanted));
			if (coveredByOne) {
				granted.add(scope);
			} else {
				allowed.stream().filter(a -> parse(a).filter(wanted::covers).isPresent()).forEach(granted::add);
			}
		}
		return granted;
	}
}
