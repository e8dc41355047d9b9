package jp.renkei.server.consent;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentInterceptor;
import java.util.Optional;
import jp.renkei.server.access.AccessProperties;
import jp.renkei.server.access.RequestCaller;
import jp.renkei.server.auth.Caller;
import jp.renkei.server.config.FhirServerInterceptor;
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
 * what the caller may see ({@link VisibleCount}).
 */
@Component
public class RegionConsentInterceptor extends ConsentInterceptor implements FhirServerInterceptor {

	private static final String UNDER_CONSENT = RegionConsentInterceptor.class.getName() + ".underConsent";

	/** After the bearer token (-100) and emergency access (-90). */
	static final int ORDER = -80;
	private static final Logger LOG = LoggerFactory.getLogger(RegionConsentInterceptor.class);

	private final RequestCaller callers;
	private final RegionOperators operators;
	private final boolean enforced;
	private final boolean openAccess;

	public RegionConsentInterceptor(RegionConsentService service, RequestCaller callers, RegionOperators operators,
			ConsentProperties properties, AccessProperties access) {
		super(service);
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
		request.getUserData().put(UNDER_CONSENT, Boolean.TRUE);
	}

	/**
	 * Before HAPI's consent walk over the response (order 0): marks the contained resources, which
	 * follow their container ({@link ContainedResources}).
	 */
	@Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = -1000)
	public void markContainedResources(RequestDetails request, ResponseDetails response) {
		if (isUnderConsent(request) && response != null && response.getResponseResource() != null) {
			ContainedResources.mark(request, response.getResponseResource());
		}
	}

	/** Whether consent decides what the request may see (false for exempt callers and the server itself). */
	public static boolean isUnderConsent(RequestDetails request) {
		return request != null && Boolean.TRUE.equals(request.getUserData().get(UNDER_CONSENT));
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
