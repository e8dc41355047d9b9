package jp.renkei.server.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jp.renkei.server.access.RequestCaller;
import jp.renkei.server.config.FhirServerInterceptor;
import jp.renkei.server.emergency.EmergencyContext;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Records every {@code /fhir} request that touches patient data in the {@link AuditJournal}, before
 * the response is sent: an access whose record cannot be written is refused with 503 and no patient
 * data leaves the server.
 *
 * <ul>
 *   <li>Successful requests are recorded on {@code SERVER_OUTGOING_RESPONSE}, late (after HAPI's
 *       authorization and consent interceptors removed what the caller may not see, before the response
 *       highlighter writes anything), naming the resources actually returned and the patients they
 *       belong to. Written resources are collected on the storage layer's pre-commit hooks.</li>
 *   <li>Failed requests (401, 403, 404, 4xx, 5xx) are recorded on {@code SERVER_HANDLE_EXCEPTION}.</li>
 *   <li>A request that may write is journaled before the write ({@code SERVER_INCOMING_REQUEST_PRE_HANDLED},
 *       a provisional row the response completes): a write that cannot be recorded is refused before
 *       anything is stored.</li>
 *   <li>Audited: every failure and every write, every request on a patient-data type or returning patient data,
 *       system-wide searches and history, batches, transactions, paging and reverse includes.
 *       Not audited: the CapabilityStatement, and successful requests that touch no patient data
 *       (the bed board reading Organizations and Locations).</li>
 *   <li>The server's own requests ({@link SystemRequestDetails}: loading data, writing AuditEvents)
 *       are not audited.</li>
 * </ul>
 */
@Interceptor
public class AuditTrailInterceptor implements FhirServerInterceptor {

	/** After consent and authorization (order ≤ 200), before the response highlighter (10000). */
	static final int ORDER = 9000;

	private static final Logger LOG = LoggerFactory.getLogger(AuditTrailInterceptor.class);
	private static final String WRITTEN = AuditTrailInterceptor.class.getName() + ".written";
	private static final String RECORDED = AuditTrailInterceptor.class.getName() + ".recorded";
	private static final String RESERVED = AuditTrailInterceptor.class.getName() + ".reserved";
	private static final Set<RestOperationTypeEnum> WRITES = Set.of(RestOperationTypeEnum.CREATE, RestOperationTypeEnum.UPDATE,
			RestOperationTypeEnum.PATCH, RestOperationTypeEnum.DELETE, RestOperationTypeEnum.TRANSACTION, RestOperationTypeEnum.BATCH,
			RestOperationTypeEnum.META_ADD, RestOperationTypeEnum.META_DELETE, RestOperationTypeEnum.ADD_TAGS,
			RestOperationTypeEnum.DELETE_TAGS, RestOperationTypeEnum.UPDATE_REWRITE_HISTORY);
	private static final Set<String> PATIENT_PARAMETERS = Set.of("patient", "patient:Patient", "subject:Patient", "subject");
	private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
	private static final Set<RestOperationTypeEnum> ALWAYS_AUDITED = Set.of(
			RestOperationTypeEnum.SEARCH_SYSTEM, RestOperationTypeEnum.HISTORY_SYSTEM, RestOperationTypeEnum.TRANSACTION,
			RestOperationTypeEnum.BATCH, RestOperationTypeEnum.GET_PAGE, RestOperationTypeEnum.EXTENDED_OPERATION_SERVER,
			RestOperationTypeEnum.GRAPHQL_REQUEST);

	private final RequestCaller callers;
	private final FhirContext fhirContext;
	private final AuditJournal journal;
	private final AuditEventMapper mapper;
	private final PatientCompartment compartment;
	private final Clock clock;

	public AuditTrailInterceptor(RequestCaller callers, FhirContext fhirContext, AuditJournal journal,
			AuditEventMapper mapper, PatientCompartment compartment, Clock clock) {
		this.callers = callers;
		this.fhirContext = fhirContext;
		this.journal = journal;
		this.mapper = mapper;
		this.compartment = compartment;
		this.clock = clock;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource, RequestDetails request) {
		rememberWritten(request, resource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource updated, RequestDetails request) {
		rememberWritten(request, updated);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
	public void deleted(IBaseResource resource, RequestDetails request) {
		rememberWritten(request, resource);
	}

	/** Last of the pre-handling checks: a write is journaled before it is made, or refused. */
	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = ORDER)
	public void reserveForWrite(RequestDetails request) {
		if (!audited(request) || !mayWrite(request)) {
			return;
		}
		String id = UUID.randomUUID().toString();
		AuditedRequest provisional = describe(request, 0, null, new AccessedResources());
		try {
			journal.reserve(id, encode(provisional));
		} catch (RuntimeException e) {
			request.getUserData().put(RECORDED, Boolean.TRUE);
			LOG.error("Refused {} {} before writing anything: its audit record could not be written ({})",
					request.getRequestType(), request.getRequestPath(), rootMessage(e));
			throw new AuditUnavailableException();
		}
		request.getUserData().put(RESERVED, id);
	}

	@Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = ORDER)
	public void recordResponse(RequestDetails request, ResponseDetails response) {
		if (!audited(request) || request.getUserData().containsKey(RECORDED)) {
			return;
		}
		AccessedResources accessed = writtenResources(request);
		collect(response.getResponseResource(), accessed);
		AuditedRequest audited = describe(request, response.getResponseCode(), null, accessed);
		if (!request.getUserData().containsKey(RESERVED) && !touchesPatientData(request, audited)) {
			return;
		}
		try {
			record(request, audited);
		} catch (RuntimeException e) {
			if (request.getUserData().containsKey(RESERVED)) {
				// The write is done and its provisional record stays in the journal (materialized after the grace period).
				LOG.error("The final audit record of {} {} could not be written; its provisional record stands ({})",
						request.getRequestType(), request.getRequestPath(), rootMessage(e));
				return;
			}
			LOG.error("Refused {} {}: its audit record could not be written ({})",
					request.getRequestType(), request.getRequestPath(), rootMessage(e));
			throw new AuditUnavailableException();
		}
	}

	@Hook(value = Pointcut.SERVER_HANDLE_EXCEPTION, order = ORDER)
	public boolean recordFailure(RequestDetails request, BaseServerResponseException exception) {
		if (!audited(request) || request.getUserData().containsKey(RECORDED)) {
			return true;
		}
		AuditedRequest audited = describe(request, exception.getStatusCode(), exception.getMessage(), writtenResources(request));
		try {
			record(request, audited);
		} catch (RuntimeException e) {
			// The answer is an error already: nothing was disclosed, but the attempt is not on record.
			LOG.error("The audit record of a failed request ({} {}, HTTP {}) could not be written: {}",
					request.getRequestType(), request.getRequestPath(), exception.getStatusCode(), rootMessage(e));
		}
		return true;
	}

	/** Completes the request's reserved row, or appends a new one. */
	private void record(RequestDetails request, AuditedRequest audited) {
		request.getUserData().put(RECORDED, Boolean.TRUE);
		String json = encode(audited);
		String reserved = (String) request.getUserData().get(RESERVED);
		if (reserved != null) {
			journal.complete(reserved, json);
		} else {
			journal.append(UUID.randomUUID().toString(), json);
		}
	}

	private String encode(AuditedRequest audited) {
		AuditEvent event = mapper.toAuditEvent(audited);
		return fhirContext.newJsonParser().encodeResourceToString(event);
	}

	private static String rootMessage(RuntimeException e) {
		return e instanceof DataAccessException dataAccess ? dataAccess.getMostSpecificCause().getMessage() : e.getMessage();
	}

	private static boolean mayWrite(RequestDetails request) {
		RestOperationTypeEnum operation = request.getRestOperationType();
		return WRITES.contains(operation) || (operation != null && operation.name().startsWith("EXTENDED_OPERATION")
				&& request.getRequestType() == ca.uhn.fhir.rest.api.RequestTypeEnum.POST);
	}

	private static boolean audited(RequestDetails request) {
		return request != null && !(request instanceof SystemRequestDetails)
				&& request.getRestOperationType() != RestOperationTypeEnum.METADATA;
	}

	private boolean touchesPatientData(RequestDetails request, AuditedRequest audited) {
		if (!audited.patients().isEmpty() || ALWAYS_AUDITED.contains(audited.operation())
				|| compartment.isPatientData(audited.resourceType())) {
			return true;
		}
		for (String resource : audited.resources()) {
			if (compartment.isPatientData(resource.substring(0, resource.indexOf('/')))) {
				return true;
			}
		}
		return request.getParameters().keySet().stream().anyMatch(name -> name.startsWith("_has") || name.startsWith("_revinclude"));
	}

	AuditedRequest describe(RequestDetails request, int status, String failure, AccessedResources accessed) {
		RestOperationTypeEnum operation = request.getRestOperationType();
		IIdType id = request.getId();
		String requestedId = id != null && id.hasIdPart() && request.getResourceName() != null
				? id.withResourceType(request.getResourceName()).toUnqualified().getValue()
				: null;
		Set<String> patients = new LinkedHashSet<>(accessed.patients);
		if ("Patient".equals(request.getResourceName()) && id != null && id.hasIdPart()) {
			patients.add("Patient/" + id.getIdPart());
		}
		patients.addAll(patientsAskedFor(request));
		String query = searchQuery(request);
		String path = request.getRequestPath() == null ? "" : request.getRequestPath();
		String remoteAddress = request instanceof ServletRequestDetails servlet && servlet.getServletRequest() != null
				? servlet.getServletRequest().getRemoteAddr()
				: null;
		boolean operationCall = operation != null && operation.name().startsWith("EXTENDED_OPERATION");
		return new AuditedRequest(clock.instant(), operation, operationCall ? request.getOperation() : null,
				request.getResourceName(), requestedId, query == null ? path : path + "?" + query, query, status, failure,
				callers.of(request), remoteAddress, request.getHeader("X-Forwarded-For"), EmergencyContext.of(request),
				claimedPurpose(request), new ArrayList<>(accessed.resources), patients, accessed.owners);
	}

	private static String claimedPurpose(RequestDetails request) {
		String header = request.getHeader("X-Purpose-Of-Use");
		return header == null ? null : header.trim().toUpperCase(java.util.Locale.ROOT);
	}

	/** The search or history parameters as received (decoded), for the query entity. */
	private static String searchQuery(RequestDetails request) {
		Map<String, String[]> parameters = request.getParameters();
		if (parameters == null || parameters.isEmpty()) {
			return null;
		}
		return parameters.entrySet().stream()
				.flatMap(entry -> java.util.Arrays.stream(entry.getValue()).map(value -> entry.getKey() + "=" + value))
				.collect(Collectors.joining("&"));
	}

	/** Patients a search names ({@code Observation?patient=X}, {@code Patient?_id=X}): looked at even when nothing is found. */
	private static Set<String> patientsAskedFor(RequestDetails request) {
		Set<String> patients = new LinkedHashSet<>();
		Map<String, String[]> parameters = request.getParameters();
		if (parameters == null) {
			return patients;
		}
		boolean patientSearch = "Patient".equals(request.getResourceName());
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			String name = parameter.getKey();
			boolean names = PATIENT_PARAMETERS.contains(name) || (patientSearch && name.equals("_id"));
			if (!names) {
				continue;
			}
			for (String value : parameter.getValue()) {
				for (String part : value.split(",")) {
					String candidate = part.trim();
					if (candidate.startsWith("Patient/")) {
						candidate = candidate.substring("Patient/".length());
					} else if (name.startsWith("subject")) {
						continue;
					}
					if (FHIR_ID.matcher(candidate).matches()) {
						patients.add("Patient/" + candidate);
					}
				}
			}
		}
		return patients;
	}

	private void rememberWritten(RequestDetails request, IBaseResource resource) {
		if (!audited(request)) {
			return;
		}
		AccessedResources written = (AccessedResources) request.getUserData().computeIfAbsent(WRITTEN, key -> new AccessedResources());
		add(resource, written);
	}

	private static AccessedResources writtenResources(RequestDetails request) {
		AccessedResources written = (AccessedResources) request.getUserData().get(WRITTEN);
		AccessedResources accessed = new AccessedResources();
		if (written != null) {
			accessed.resources.addAll(written.resources);
			accessed.patients.addAll(written.patients);
			written.owners.forEach((resource, owners) -> accessed.owners.computeIfAbsent(resource, key -> new LinkedHashSet<>()).addAll(owners));
		}
		return accessed;
	}

	void collect(IBaseResource response, AccessedResources accessed) {
		if (response instanceof Bundle bundle) {
			for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
				if (entry.getResource() instanceof Bundle inner) {
					// A batch entry's search result
					inner.getEntry().forEach(innerEntry -> add(innerEntry.getResource(), accessed));
				} else {
					add(entry.getResource(), accessed);
				}
			}
		} else if (response != null && !(response instanceof Parameters)) {
			add(response, accessed);
		}
	}

	private void add(IBaseResource resource, AccessedResources accessed) {
		if (resource == null || resource instanceof OperationOutcome || resource instanceof Bundle) {
			return;
		}
		IIdType id = resource.getIdElement();
		if (id == null || !id.hasIdPart()) {
			return;
		}
		String reference = fhirContext.getResourceType(resource) + "/" + id.getIdPart();
		Set<String> owners = compartment.patientsOf(resource);
		accessed.resources.add(reference);
		accessed.patients.addAll(owners);
		if (!owners.isEmpty()) {
			accessed.owners.computeIfAbsent(reference, key -> new LinkedHashSet<>()).addAll(owners);
		}
	}

	/** Resources returned or written by a request, their patients, and whose each one is, in order. */
	static final class AccessedResources {
		final Set<String> resources = new LinkedHashSet<>();
		final Set<String> patients = new LinkedHashSet<>();
		final Map<String, Set<String>> owners = new LinkedHashMap<>();
	}
}
