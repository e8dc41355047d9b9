package jp.renkei.server.request;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.Map;
import java.util.Set;
import jp.renkei.server.config.FhirServerInterceptor;

/**
 * Refuses search modifiers that do not exist for the parameter's type ({@code family:sounds-like}).
 * HAPI ignores an unknown modifier and searches without it, so the client would get other results
 * than it asked for without being told.
 */
@Interceptor
public class SearchModifierInterceptor implements FhirServerInterceptor {

	/** The R4 modifiers per parameter type (plus HAPI's {@code :mdm} on references). */
	private static final Map<RestSearchParameterTypeEnum, Set<String>> MODIFIERS = Map.of(
			RestSearchParameterTypeEnum.STRING, Set.of("missing", "exact", "contains"),
			RestSearchParameterTypeEnum.TOKEN, Set.of("missing", "text", "not", "above", "below", "in", "not-in", "of-type"),
			RestSearchParameterTypeEnum.REFERENCE, Set.of("missing", "identifier", "above", "below", "mdm"),
			RestSearchParameterTypeEnum.URI, Set.of("missing", "above", "below"),
			RestSearchParameterTypeEnum.DATE, Set.of("missing"),
			RestSearchParameterTypeEnum.NUMBER, Set.of("missing"),
			RestSearchParameterTypeEnum.QUANTITY, Set.of("missing"),
			RestSearchParameterTypeEnum.COMPOSITE, Set.of("missing"));

	private final FhirContext fhirContext;
	private final ISearchParamRegistry searchParamRegistry;

	public SearchModifierInterceptor(FhirContext fhirContext, ISearchParamRegistry searchParamRegistry) {
		this.fhirContext = fhirContext;
		this.searchParamRegistry = searchParamRegistry;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public boolean checkModifiers(RequestDetails request) {
		if (request.getRestOperationType() != RestOperationTypeEnum.SEARCH_TYPE || request.getResourceName() == null) {
			return true;
		}
		for (String name : request.getParameters().keySet()) {
			int colon = name.indexOf(':');
			if (name.startsWith("_") || colon < 0) {
				continue;
			}
			int dot = name.indexOf('.', colon);
			String base = name.substring(0, colon);
			String modifier = name.substring(colon + 1, dot < 0 ? name.length() : dot);
			RuntimeSearchParam parameter = searchParamRegistry.getActiveSearchParam(request.getResourceName(), base,
					ISearchParamRegistry.SearchParamLookupContextEnum.SEARCH);
			Set<String> allowed = parameter == null ? null : MODIFIERS.get(parameter.getParamType());
			if (allowed == null || allowed.contains(modifier)) {
				continue;
			}
			if (parameter.getParamType() == RestSearchParameterTypeEnum.REFERENCE
					&& fhirContext.getResourceTypes().contains(modifier)) {
				continue;
			}
			throw new InvalidRequestException("Unknown modifier :" + modifier + " on the "
					+ parameter.getParamType().getCode() + " parameter " + base + "; supported: :"
					+ String.join(", :", allowed.stream().sorted().toList())
					+ (parameter.getParamType() == RestSearchParameterTypeEnum.REFERENCE ? ", or a resource type" : ""));
		}
		return true;
	}
}
