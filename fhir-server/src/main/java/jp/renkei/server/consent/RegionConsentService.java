package jp.renkei.server.consent;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentOutcome;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentContextServices;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentService;
import java.time.Clock;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.renkei.server.access.RequestCaller;
import jp.renkei.server.auth.Caller;
import jp.renkei.server.emergency.EmergencyAccessGrant;
import jp.renkei.server.emergency.EmergencyContext;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

/**
 * The region's consent, decided for every resource a request would show or match (HAPI's consent
 * service, called by {@link RegionConsentInterceptor} for reads, searches and their includes,
 * history, paging, operations, and the match of conditional writes).
 *
 * <p>A caller acting for facility F sees a patient's resource when F holds it, when the patient's
 * consents permit F ({@link ConsentEvaluator}), or during F's user's emergency access to that patient.
 * Otherwise the resource is absent: left out of bundles, 404 on read, as if it did not exist.
 * AuditEvents are not decided here (the audit trail restricts them to the privacy officer and the
 * patient).
 */
@Component
public class RegionConsentService implements IConsentService {

	private static final String DECISIONS = RegionConsentService.class.getName() + ".decisions";
	private static final String LOOKUPS = RegionConsentService.class.getName() + ".lookups";
	private static final String CONSENTS = RegionConsentService.class.getName() + ".consents";
	private static final Set<RestOperationTypeEnum> INSTANCE_CHECKED = Set.of(
			RestOperationTypeEnum.HISTORY_INSTANCE, RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE,
			RestOperationTypeEnum.UPDATE, RestOperationTypeEnum.PATCH, RestOperationTypeEnum.DELETE,
			RestOperationTypeEnum.META, RestOperationTypeEnum.META_ADD, RestOperationTypeEnum.META_DELETE);

	private final RequestCaller callers;
	private final PatientData patientData;
	private final ConsentIndex consents;
	private final ConsentEvaluator evaluator;
	private final IndirectMatches indirectMatches;
	private final Clock clock = Clock.systemUTC();

	public RegionConsentService(RequestCaller callers, PatientData patientData, ConsentIndex consents,
			ConsentProperties properties, IndirectMatches indirectMatches) {
		this.callers = callers;
		this.indirectMatches = indirectMatches;
		this.patientData = patientData;
		this.consents = consents;
		this.evaluator = new ConsentEvaluator(properties.regionPolicy());
	}

	/**
	 * Requests naming one resource that HAPI would answer without showing it (its history, an
	 * operation on it, a write to it): a resource the caller may not see is answered as unknown, like
	 * a read, so that existence does not leak and it cannot be changed.
	 */
	@Override
	public ConsentOutcome startOperation(RequestDetails request, IConsentContextServices services) {
		IIdType id = request.getId();
		if (id == null || !id.hasIdPart() || request.getResourceName() == null
				|| !INSTANCE_CHECKED.contains(request.getRestOperationType())
				|| !patientData.isPatientDataType(request.getResourceName())) {
			return ConsentOutcome.PROCEED;
		}
		IdType target = new IdType(request.getResourceName(), id.getIdPart());
		Optional<IBaseResource> resource = lookups(request).resource(target);
		if (resource.isPresent() && !visible(request, resource.get())) {
			throw new ResourceNotFoundException(target);
		}
		return ConsentOutcome.PROCEED;
	}

	@Override
	public boolean shouldProcessCanSeeResource(RequestDetails request, IConsentContextServices services) {
		return true;
	}

	@Override
	public ConsentOutcome canSeeResource(RequestDetails request, IBaseResource resource, IConsentContextServices services) {
		return visible(request, resource) ? ConsentOutcome.PROCEED : ConsentOutcome.REJECT;
	}

	@Override
	public ConsentOutcome willSeeResource(RequestDetails request, IBaseResource resource, IConsentContextServices services) {
		return visible(request, resource) ? ConsentOutcome.PROCEED : ConsentOutcome.REJECT;
	}

	/**
	 * Whether the caller of {@code request} may see {@code resource}; decided once per resource and
	 * request. For operations that gather resources with the server's own reads and must answer only
	 * with what the caller may see (the emergency summary).
	 */
	public boolean visible(RequestDetails request, IBaseResource resource) {
		if (request == null || request instanceof SystemRequestDetails && callers.of(request).isEmpty()) {
			return true;
		}
		if (ContainedResources.isContained(request, resource)) {
			// A contained resource has no existence of its own: it is shown or hidden with the resource
			// containing it, which was decided already (HAPI also fails with a 500 if one is rejected).
			return true;
		}
		Map<IBaseResource, Boolean> decided = userData(request, DECISIONS,
				() -> java.util.Collections.synchronizedMap(new IdentityHashMap<>()));
		Boolean known = decided.get(resource);
		if (known != null) {
			return known;
		}
		boolean visible = decide(request, resource);
		decided.put(resource, visible);
		return visible;
	}

	private boolean decide(RequestDetails request, IBaseResource resource) {
		if (indirectMatches.searchesIndirectly(request)
				&& !indirectMatches.matchesThroughVisible(request, resource, lookups(request), this::visible)) {
			return false;
		}
		String type = resource.fhirType();
		if ("AuditEvent".equals(type) || "OperationOutcome".equals(type) || "Bundle".equals(type)
				|| !patientData.isPatientDataType(type)) {
			return true;
		}
		PatientData.Lookups lookups = lookups(request);
		Set<String> owners = patientData.owners(resource, lookups);
		if (owners.isEmpty()) {
			return true;
		}
		Optional<Caller> caller = callers.of(request);
		if (caller.isEmpty()) {
			// An outside request without a verified caller never gets here unless something upstream
			// failed: closed, not open.
			return false;
		}
		Optional<EmergencyAccessGrant> emergency = EmergencyContext.of(request);
		Optional<String> facility = caller.get().organization();
		String holder = patientData.holder(resource, owners, lookups).orElse("");
		List<Coding> labels = resource.getMeta().getSecurity().stream()
				.map(label -> new Coding(label.getSystem(), label.getCode(), label.getDisplay())).toList();
		Instant now = clock.instant();
		for (String owner : owners) {
			if (emergency.isPresent() && EmergencyContext.covers(request, owner)) {
				continue;
			}
			if (facility.isEmpty()) {
				return false;
			}
			if (!evaluator.decide(consentsOf(request, owner), facility.get(), holder, type, labels, now).permitted()) {
				return false;
			}
		}
		return true;
	}

	private List<Consent> consentsOf(RequestDetails request, String patientId) {
		Map<String, List<Consent>> cache = userData(request, CONSENTS, java.util.concurrent.ConcurrentHashMap::new);
		return cache.computeIfAbsent(patientId, consents::forPatient);
	}

	private PatientData.Lookups lookups(RequestDetails request) {
		return userData(request, LOOKUPS, patientData::lookups);
	}

	@SuppressWarnings("unchecked")
	private static <T> T userData(RequestDetails request, String key, java.util.function.Supplier<T> create) {
		// The entries of a batch may be processed in parallel with one request's user data.
		synchronized (request.getUserData()) {
			return (T) request.getUserData().computeIfAbsent(key, unused -> create.get());
		}
	}
}
