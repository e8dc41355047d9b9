package jp.renkei.server.consent;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.renkei.server.config.FhirServerInterceptor;
import jp.renkei.server.config.FhirServerProperties;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.stereotype.Component;

/**
 * Counts under consent. The database counts every match, including resources the caller may not
 * see, so for a caller under consent {@code _summary=count} becomes a search for up to one full page
 * ({@code renkei.server.max-page-size}); consent decides each result, and the answer is a count of
 * what is left. More matches than a page: 400, since the visible count is then unknown.
 * {@code _total=accurate} is dropped: bundles under consent carry no total.
 */
@Component
@Interceptor
public class VisibleCount implements FhirServerInterceptor {

	private static final String COUNT_ONLY = VisibleCount.class.getName() + ".countOnly";
	/** After {@link RegionConsentInterceptor} decided whether the request is under consent (-80). */
	static final int ORDER = -70;

	private final int limit;

	public VisibleCount(FhirServerProperties server) {
		this.limit = server.maxPageSize();
	}

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = ORDER)
	public void searchInsteadOfCount(RequestDetails request) {
		Map<String, String[]> parameters = request.getParameters();
		if (!RegionConsentInterceptor.isUnderConsent(request) || parameters == null
				|| !parameters.containsKey("_summary") && !parameters.containsKey("_total")) {
			return;
		}
		Map<String, String[]> rewritten = new LinkedHashMap<>(parameters);
		rewritten.remove("_total");
		String[] summary = rewritten.get("_summary");
		if (summary != null && Arrays.asList(summary).contains("count")
				&& (request.getRestOperationType() == RestOperationTypeEnum.SEARCH_TYPE
						|| request.getRestOperationType() == RestOperationTypeEnum.SEARCH_SYSTEM)) {
			rewritten.remove("_summary");
			rewritten.remove("_include");
			rewritten.remove("_revinclude");
			rewritten.remove("_elements");
			rewritten.put("_count", new String[] {Integer.toString(limit)});
			request.getUserData().put(COUNT_ONLY, Boolean.TRUE);
		}
		request.setParameters(rewritten);
	}

	@Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = 100)
	public void answerCount(RequestDetails request, ResponseDetails response) {
		if (!Boolean.TRUE.equals(request.getUserData().get(COUNT_ONLY)) || !(response.getResponseResource() instanceof Bundle found)) {
			return;
		}
		if (found.getLink(Bundle.LINK_NEXT) != null) {
			throw new InvalidRequestException("_summary=count: more than " + limit + " matches; under consent only what the"
					+ " caller may see is counted, so narrow the search or page through the results");
		}
		long visible = found.getEntry().stream()
				.filter(entry -> entry.hasResource()
						&& (!entry.hasSearch() || entry.getSearch().getMode() != Bundle.SearchEntryMode.INCLUDE))
				.count();
		Bundle count = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal((int) visible);
		count.setId(found.getIdElement());
		count.setMeta(found.getMeta());
		Bundle.BundleLinkComponent self = found.getLink(Bundle.LINK_SELF);
		if (self != null) {
			String url = self.getUrl().replaceAll("([?&])_count=" + limit + "(&|$)", "$1").replaceAll("[?&]$", "");
			count.addLink().setRelation(Bundle.LINK_SELF).setUrl(url + (url.contains("?") ? "&" : "?") + "_summary=count");
		}
		response.setResponseResource(count);
	}
}
