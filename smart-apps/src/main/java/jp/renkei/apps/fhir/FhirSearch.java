package jp.renkei.apps.fhir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A FHIR search an app sends to the regional server: resource type, criteria, {@code _include}s and
 * the {@code _elements} it needs (asking only for those keeps answers small on slow links).
 *
 * <p>Immutable; {@link #where}, {@link #include} and {@link #elements} return a new search.
 *
 * @param resourceType e.g. {@code Location}
 * @param criteria search parameters by name, each with one or more values (repeats are ANDed)
 * @param includes e.g. {@code Location:organization}
 * @param elements the elements to return, applied by the server to matched and included resources
 */
public record FhirSearch(
		String resourceType, Map<String, List<String>> criteria, List<String> includes, List<String> elements) {

	public FhirSearch {
		criteria = copyOf(criteria);
		includes = List.copyOf(includes);
		elements = List.copyOf(elements);
	}

	/** A search for every resource of the type. */
	public static FhirSearch forType(String resourceType) {
		return new FhirSearch(resourceType, Map.of(), List.of(), List.of());
	}

	public FhirSearch where(String parameter, String value) {
		Map<String, List<String>> more = new LinkedHashMap<>(criteria);
		List<String> values = new ArrayList<>(criteria.getOrDefault(parameter, List.of()));
		values.add(value);
		more.put(parameter, values);
		return new FhirSearch(resourceType, more, includes, elements);
	}

	public FhirSearch include(String include) {
		List<String> more = new ArrayList<>(includes);
		more.add(include);
		return new FhirSearch(resourceType, criteria, more, elements);
	}

	public FhirSearch elements(String... names) {
		return new FhirSearch(resourceType, criteria, includes, List.of(names));
	}

	private static Map<String, List<String>> copyOf(Map<String, List<String>> criteria) {
		Map<String, List<String>> copy = new LinkedHashMap<>();
		criteria.forEach((name, values) -> copy.put(name, List.copyOf(values)));
		return Collections.unmodifiableMap(copy);
	}
}
