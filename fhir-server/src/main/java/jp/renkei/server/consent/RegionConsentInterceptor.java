package jp.renkei.server.consent;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentInterceptor;
import java.util.Optional;
import jp.renkei.server.access.AccessProperties;
import jp.renkei.server.access.RequestCaller;
import jp.renkei.server.auth.Caller;
import jp.renkei.server.config.FhirServerInterceptor;
import jp.renkei.server.config.FhirServerProperties;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * HAPI's consent interceptor with the region's {@link RegionConsentService}: the one place consent is
 * enforced, on every read path HAPI has (read, vread, search with includes, history, paging,
 * operations, batch and transaction entries, conditional-write matching).
 *
 * <p>Requests that are not under consent skip it entirely: the server's own work, region operators
 * ({@link RegionOperators}), a patient reading their own record (the patient compartment already
 * limits them, see the {@code access} package), and every request when enforcement is switched off
 * for the benchmark. Under consent bundles carry no total, and {@code _summary=count} counts only
 * what the caller may see.
 */
@Component
public class RegionConsentInterceptor extends ConsentInterceptor implements FhirServerInterceptor {

	private static final String COUNT_ONLY = RegionConsentInterceptor.class.getName() + ".countOnly";

	/** After the bearer token (-100) and emergency access (-90). */
	static final int ORDER = -80;
	private static final Logger LOG = LoggerFactory.getLogger(RegionConsentInterceptor.class);

	private final RequestCaller callers;
	private final RegionOperators operators;
	private final boolean enforced;
	private final boolean openAccess;
	private final int countLimit;

	public RegionConsentInterceptor(RegionConsentService service, RequestCaller callers, RegionOperators operators,
			ConsentProperties properties, AccessProperties access, FhirServerProperties server) {
		super(service);
		this.countLimit = server.maxPageSize();
		this.callers = callers;
		this.operators = operators;
		this.enforced = properties.enforced();
		this.openAccess = access.openAccessForDevelopment();
		if (!enforced) {
			LOG.warn("renkei.consent.enforced is OFF: every caller sees every patient's records regardless of consent. "
					+ "Only for the overhead benchmark; never with real data.");
		} else {
			LOG.info("Consent enforced with the region policy {}", properties.regionPolicy().code());
		}
	}

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = ORDER)
	public void exemptIfNotUnderConsent(RequestDetails request) {
		if (!underConsent(request)) {
			ConsentInterceptor.skipAllConsentForRequest(request);
			return;
		}
		countVisibleOnly(request);
	}

	/**
	 * Under consent a count must count only what the caller may see, which the database cannot know:
	 * {@code _summary=count} becomes a search for up to one full page, each result decided by consent,
	 * answered as a count ({@link #answerCount}). More matches than a page: refused (400), since the
	 * exact visible count is unknown. {@code _total=accurate} is dropped (bundles under consent carry no total).
	 */
	private void countVisibleOnly(RequestDetails request) {
		Map<String, String[]> parameters = request.getParameters();
		if (parameters == null || !parameters.containsKey("_summary") && !parameters.containsKey("_total")) {
			return;
		}
		Map<String, String[]> rewritten = new LinkedHashMap<>(parameters);
		rewritten.remove("_total");
		String[] summary = rewritten.get("_summary");
		if (summary != null && Arrays.asList(summary).contains("count")) {
			rewritten.remove("_summary");
			rewritten.put("_count", new String[] {Integer.toString(countLimit)});
			rewritten.remove("_include");
			rewritten.remove("_revinclude");
			rewritten.remove("_elements");
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
			throw new InvalidRequestException("_summary=count: more than " + countLimit + " matches; under consent only what "
					+ "the caller may see is counted, so narrow the search or page through the results");
		}
		long visible = found.getEntry().stream()
				.filter(entry -> entry.hasResource() && (!entry.hasSearch()
						|| entry.getSearch().getMode() != Bundle.SearchEntryMode.INCLUDE))
				.count();
		Bundle count = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal((int) visible);
		count.setId(found.getIdElement());
		count.setMeta(found.getMeta());
		if (found.getLink(Bundle.LINK_SELF) != null) {
			String self = found.getLink(Bundle.LINK_SELF).getUrl()
					.replaceAll("([?&])_count=" + countLimit + "(&|$)", "$1").replaceAll("[?&]$", "");
			count.addLink().setRelation(Bundle.LINK_SELF).setUrl(self + (self.contains("?") ? "&" : "?") + "_summary=count");
		}
		response.setResponseResource(count);
	}

	private boolean underConsent(RequestDetails request) {
		if (!enforced || request instanceof SystemRequestDetails) {
			return false;
		}
		Optional<Caller> caller = callers.of(request);
		if (caller.isEmpty()) {
			// Only the CapabilityStatement and open development mode come without a caller.
			return !openAccess;
		}
		return !operators.isRegionOperator(caller.get()) && !isPatientInOwnRecord(caller.get());
	}

	private static boolean isPatientInOwnRecord(Caller caller) {
		return caller.fhirUser().filter(user -> user.startsWith("Patient/")).isPresent()
				&& caller.patient().isPresent()
				&& caller.fhirUser().get().equals("Patient/" + caller.patient().get());
	}
}
