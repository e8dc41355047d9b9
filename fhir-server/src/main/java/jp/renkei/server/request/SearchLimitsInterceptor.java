package jp.renkei.server.request;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Map;
import java.util.Set;
import jp.renkei.server.config.FhirServerInterceptor;
import jp.renkei.server.config.FhirServerProperties;

/**
 * Bounds the cost of one request before any query runs, so that no request can pin a worker:
 * the number and length of parameters, {@code _count} up to the largest page, {@code _offset} up to
 * {@code renkei.server.search.max-offset}, and the depth of chains, reverse chains and iterated
 * includes. Out of bounds is a 400 with an OperationOutcome naming the limit, never a silent cap.
 */
@Interceptor
public class SearchLimitsInterceptor implements FhirServerInterceptor {

	/** {@code subject:Patient.organization.partof.name}: three links are as far as clinical queries go. */
	static final int MAX_CHAIN_LINKS = 3;
	/** {@code _has:Observation:subject:_has:...}: each level is a join over a whole resource table. */
	static final int MAX_REVERSE_CHAIN_DEPTH = 2;
	/** All {@code _include} and {@code _revinclude} parameters of one search together. */
	static final int MAX_INCLUDES = 10;

	private static final Set<RestOperationTypeEnum> PAGED_OPERATIONS = Set.of(
			RestOperationTypeEnum.SEARCH_TYPE, RestOperationTypeEnum.SEARCH_SYSTEM,
			RestOperationTypeEnum.HISTORY_INSTANCE, RestOperationTypeEnum.HISTORY_TYPE, RestOperationTypeEnum.HISTORY_SYSTEM);

	private final FhirServerProperties properties;

	public SearchLimitsInterceptor(FhirServerProperties properties) {
		this.properties = properties;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public boolean checkLimits(RequestDetails request) {
		Map<String, String[]> parameters = request.getParameters();
		checkParameterSizes(parameters);
		if (PAGED_OPERATIONS.contains(request.getRestOperationType())) {
			checkCount(parameters);
			checkOffset(parameters);
		}
		if (request.getRestOperationType() == RestOperationTypeEnum.SEARCH_TYPE
				|| request.getRestOperationType() == RestOperationTypeEnum.SEARCH_SYSTEM) {
			checkSearchComplexity(parameters);
		}
		return true;
	}

	private void checkParameterSizes(Map<String, String[]> parameters) {
		FhirServerProperties.Search limits = properties.search();
		int count = 0;
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			count += parameter.getValue().length;
			for (String value : parameter.getValue()) {
				if (value != null && value.length() > limits.maxParameterValueLength()) {
					throw new InvalidRequestException("Parameter " + shorten(parameter.getKey()) + " has a value of "
							+ value.length() + " characters; at most " + limits.maxParameterValueLength() + " are accepted");
				}
			}
		}
		if (count > limits.maxParameters()) {
			throw new InvalidRequestException("The request has " + count + " parameters; at most "
					+ limits.maxParameters() + " are accepted");
		}
	}

	private void checkCount(Map<String, String[]> parameters) {
		Integer count = singleInteger(parameters, Constants.PARAM_COUNT);
		if (count != null && (count < 0 || count > properties.maxPageSize())) {
			throw new InvalidRequestException("_count must be between 0 and " + properties.maxPageSize() + ", was " + count);
		}
	}

	private void checkOffset(Map<String, String[]> parameters) {
		int maxOffset = properties.search().maxOffset();
		Integer offset = singleInteger(parameters, Constants.PARAM_OFFSET);
		if (offset != null && (offset < 0 || offset > maxOffset)) {
			throw new InvalidRequestException("_offset must be between 0 and " + maxOffset + ", was " + offset
					+ "; narrow the search instead of paging this deep");
		}
	}

	private void checkSearchComplexity(Map<String, String[]> parameters) {
		int includes = 0;
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			String name = parameter.getKey();
			if (name.startsWith(Constants.PARAM_INCLUDE) || name.startsWith(Constants.PARAM_REVINCLUDE)) {
				includes += parameter.getValue().length;
				boolean iterate = name.endsWith(Constants.PARAM_INCLUDE_QUALIFIER_ITERATE)
						|| name.endsWith(Constants.PARAM_INCLUDE_QUALIFIER_RECURSE);
				for (String value : parameter.getValue()) {
					if (iterate && value.trim().equals("*")) {
						throw new InvalidRequestException(name + "=* would follow every reference without end;"
								+ " name the references to include");
					}
				}
				continue;
			}
			int reverseDepth = occurrences(name, Constants.PARAM_HAS + ":");
			if (reverseDepth > MAX_REVERSE_CHAIN_DEPTH) {
				throw new InvalidRequestException("Parameter " + shorten(name) + " nests _has " + reverseDepth
						+ " levels deep; at most " + MAX_REVERSE_CHAIN_DEPTH + " are accepted");
			}
			// Dots in a _has parameter belong to its chained inner parameter; count them too.
			int links = occurrences(name, ".");
			if (links > MAX_CHAIN_LINKS) {
				throw new InvalidRequestException("Parameter " + shorten(name) + " chains " + links
						+ " references; at most " + MAX_CHAIN_LINKS + " are accepted");
			}
		}
		if (includes > MAX_INCLUDES) {
			throw new InvalidRequestException("The search has " + includes + " _include/_revinclude parameters; at most "
					+ MAX_INCLUDES + " are accepted");
		}
	}

	private static Integer singleInteger(Map<String, String[]> parameters, String name) {
		String[] values = parameters.get(name);
		if (values == null || values.length == 0) {
			return null;
		}
		if (values.length > 1) {
			throw new InvalidRequestException(name + " may be given only once");
		}
		try {
			return Integer.valueOf(values[0].trim());
		} catch (NumberFormatException e) {
			throw new InvalidRequestException(name + " must be a whole number, was " + shorten(values[0]));
		}
	}

	private static int occurrences(String text, String part) {
		int count = 0;
		for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
			count++;
		}
		return count;
	}

	private static String shorten(String text) {
		return text.length() <= 100 ? text : text.substring(0, 100) + "…";
	}
}
