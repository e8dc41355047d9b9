package jp.renkei.server.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ParameterUtil;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizedList;
import ca.uhn.fhir.rest.server.interceptor.auth.SearchNarrowingInterceptor;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.util.UrlUtil;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.renkei.server.auth.Caller;
import jp.renkei.server.config.FhirServerInterceptor;
import org.springframework.stereotype.Component;

/**
 * Narrows searches to what the caller may see before they run, so result sets, {@code total} and
 * {@code _summary=count} hold nothing else (HAPI's AuthorizationInterceptor would otherwise refuse a
 * whole page for one foreign resource, and cannot see counts at all):
 *
 * <ul>
 *   <li>a patient-context token: HAPI's {@link SearchNarrowingInterceptor} adds the patient's
 *       compartment ({@code Observation?patient=123}, {@code Patient?_id=123}), also to
 *       {@code $everything}, conditional URLs and the searches inside a transaction;</li>
 *   <li>granular scopes ({@code Observation.rs?category=laboratory}): the scopes' query is added as
 *       another AND parameter (several scopes on the same parameter become one OR list).</li>
 * </ul>
 */
@Component
@Interceptor
public class CompartmentSearchNarrowing implements FhirServerInterceptor {

	/** After the request checks (order 0), so they see the client's own parameters. */
	static final int ORDER = 10;

	private final RequestCaller callers;
	private final SearchNarrowingInterceptor compartments;

	public CompartmentSearchNarrowing(RequestCaller callers) {
		this.callers = callers;
		SearchNarrowingInterceptor narrowing = new SearchNarrowingInterceptor() {
			@Override
			protected AuthorizedList buildAuthorizedList(RequestDetails request) {
				return compartmentOf(request).map(patient -> new AuthorizedList().addCompartment("Patient/" + patient)).orElse(null);
			}
		};
		narrowing.setNarrowConditionalUrls(true);
		this.compartments = narrowing;
	}

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = ORDER)
	public void narrow(RequestDetails request, HttpServletRequest servletRequest, HttpServletResponse servletResponse) {
		Optional<Caller> caller = callers.of(request);
		// HAPI's narrowing does not handle system-wide search; patient tokens may not make one (ScopeEnforcementInterceptor).
		if (caller.isEmpty() || request.getRestOperationType() == RestOperationTypeEnum.SEARCH_SYSTEM) {
			return;
		}
		compartments.hookIncomingRequestPostProcessed(request, servletRequest, servletResponse);
		if (request.getRestOperationType() == RestOperationTypeEnum.SEARCH_TYPE) {
			narrowToGranularScopes(request, CallerScopes.of(caller.get()));
		}
	}

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = ORDER)
	public void narrowTransactionEntries(ServletRequestDetails request, HttpServletRequest servletRequest,
			HttpServletResponse servletResponse) {
		if (callers.of(request).isPresent()) {
			compartments.hookIncomingRequestPreHandled(request, servletRequest, servletResponse);
		}
	}

	private Optional<String> compartmentOf(RequestDetails request) {
		String type = request.getResourceName();
		if (type == null) {
			return Optional.empty();
		}
		Interaction interaction = request.getRestOperationType() == RestOperationTypeEnum.SEARCH_TYPE
				? Interaction.SEARCH : Interaction.READ;
		return callers.of(request).flatMap(caller -> CallerScopes.of(caller).compartment(type, interaction));
	}

	private static void narrowToGranularScopes(RequestDetails request, CallerScopes scopes) {
		List<String> queries = scopes.granularQueries(request.getResourceName(), Interaction.SEARCH);
		if (queries.isEmpty()) {
			return;
		}
		Map<String, List<String>> orValuesByParameter = new LinkedHashMap<>();
		List<Map<String, String[]>> parsed = queries.stream().map(UrlUtil::parseQueryString).toList();
		boolean oneParameterEach = parsed.stream().allMatch(query -> query.size() == 1 && query.values().iterator().next().length == 1);
		if (oneParameterEach && parsed.stream().map(query -> query.keySet().iterator().next()).distinct().count() == 1) {
			String name = parsed.get(0).keySet().iterator().next();
			List<String> values = new ArrayList<>();
			parsed.forEach(query -> values.add(query.get(name)[0]));
			orValuesByParameter.put(name, values);
		} else if (parsed.size() == 1) {
			parsed.get(0).forEach((name, values) -> orValuesByParameter.put(name, Arrays.asList(values)));
		} else {
			// Several differently shaped scopes cannot be one query; the outgoing check still filters by scope.
			return;
		}
		Map<String, String[]> parameters = new HashMap<>(request.getParameters());
		orValuesByParameter.forEach((name, values) -> {
			String[] existing = parameters.getOrDefault(name, new String[0]);
			String[] added = Arrays.copyOf(existing, existing.length + 1);
			added[existing.length] = ParameterUtil.escapeAndJoinOrList(values);
			parameters.put(name, added);
		});
		request.setParameters(parameters);
	}
}
