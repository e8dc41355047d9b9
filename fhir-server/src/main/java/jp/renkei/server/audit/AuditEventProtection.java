package jp.renkei.server.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.model.DeleteConflictList;
import ca.uhn.fhir.jpa.delete.DeleteConflictOutcome;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceAccessDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.util.BundleUtil;
import ca.uhn.fhir.util.UrlUtil;
import ca.uhn.fhir.util.bundle.BundleEntryParts;
import java.util.Optional;
import java.util.Set;
import jp.renkei.server.access.RequestCaller;
import jp.renkei.server.auth.Caller;
import jp.renkei.server.config.FhirServerInterceptor;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * AuditEvents are append-only and readable by few.
 *
 * <ul>
 *   <li>Only the audit trail writes them ({@link AuditWriter#isAuditWriter}): every create, update,
 *       patch, delete and tag change by a client is refused with 403, whatever its scopes (also
 *       inside batches and transactions, and again on the storage layer).</li>
 *   <li>Reading them (read, search, history) needs the role {@code privacy-officer} (everything) or
 *       a patient's own login (issue 3 narrows a patient's token to their compartment, which holds
 *       the AuditEvents about them). Anyone else gets 403.</li>
 *   <li>AuditEvents pulled in by {@code _revinclude}, {@code _include}, {@code $everything} or a
 *       system-wide search are silently removed for everyone else, and for a patient unless they are
 *       about that patient.</li>
 *   <li>A trail only observes: its references never stop a resource from being deleted.</li>
 * </ul>
 */
@Interceptor
public class AuditEventProtection implements FhirServerInterceptor {

	public static final String PRIVACY_OFFICER = "privacy-officer";
	static final String AUDIT_EVENT = "AuditEvent";
	private static final Set<RestOperationTypeEnum> READS = Set.of(RestOperationTypeEnum.READ, RestOperationTypeEnum.VREAD,
			RestOperationTypeEnum.SEARCH_TYPE, RestOperationTypeEnum.HISTORY_INSTANCE, RestOperationTypeEnum.HISTORY_TYPE,
			RestOperationTypeEnum.META, RestOperationTypeEnum.GET_TAGS);

	private final RequestCaller callers;
	private final FhirContext fhirContext;
	private final PatientCompartment compartment;

	public AuditEventProtection(RequestCaller callers, FhirContext fhirContext, PatientCompartment compartment) {
		this.callers = callers;
		this.fhirContext = fhirContext;
		this.compartment = compartment;
	}

	/** Right after the token was verified (BearerTokenInterceptor runs at -100, scope checks at -90). */
	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = -80)
	public void checkRequest(RequestDetails request) {
		if (request instanceof SystemRequestDetails || !AUDIT_EVENT.equals(request.getResourceName())) {
			return;
		}
		RestOperationTypeEnum operation = request.getRestOperationType();
		Optional<Caller> caller = callers.of(request);
		if (operation == RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE && AuditReviewOperation.NAME.equals(request.getOperation())) {
			if (!isPrivacyOfficer(caller)) {
				throw forbidden("Only a privacy officer may review emergency accesses");
			}
			return;
		}
		if (!READS.contains(operation)) {
			throw forbidden("AuditEvents are written by the server only and never changed");
		}
		checkMayRead(caller);
	}

	/** Batch and transaction entries naming AuditEvent, once the bundle is parsed. */
	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = -20)
	public void checkBundleEntries(RequestDetails request) {
		RestOperationTypeEnum operation = request.getRestOperationType();
		if ((operation != RestOperationTypeEnum.TRANSACTION && operation != RestOperationTypeEnum.BATCH)
				|| !(request.getResource() instanceof IBaseBundle bundle) || request instanceof SystemRequestDetails) {
			return;
		}
		for (BundleEntryParts entry : BundleUtil.toListOfEntries(fhirContext, bundle)) {
			String type = entry.getUrl() == null ? null : UrlUtil.parseUrl(entry.getUrl()).getResourceType();
			if (type == null && entry.getResource() != null) {
				type = fhirContext.getResourceType(entry.getResource());
			}
			if (!AUDIT_EVENT.equals(type) || entry.getRequestType() == null) {
				continue;
			}
			switch (entry.getRequestType()) {
				case GET, HEAD -> checkMayRead(callers.of(request));
				default -> throw forbidden("AuditEvents are written by the server only and never changed");
			}
		}
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void beforeCreate(IBaseResource resource, RequestDetails request) {
		refuseUnlessAuditWriter(resource, request);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void beforeUpdate(IBaseResource previous, IBaseResource updated, RequestDetails request) {
		refuseUnlessAuditWriter(updated, request);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
	public void beforeDelete(IBaseResource resource, RequestDetails request) {
		refuseUnlessAuditWriter(resource, request);
	}

	/** AuditEvents found by a search, include, revinclude, history or operation, before anything is shown. */
	@Hook(Pointcut.STORAGE_PREACCESS_RESOURCES)
	public void removeUnreadable(IPreResourceAccessDetails details, RequestDetails request) {
		if (request == null || request instanceof SystemRequestDetails) {
			return;
		}
		Optional<Caller> caller = callers.of(request);
		if (isPrivacyOfficer(caller)) {
			return;
		}
		Optional<String> ownPatient = patientUser(caller);
		for (int i = 0; i < details.size(); i++) {
			IBaseResource resource = details.getResource(i);
			if (resource == null || !AUDIT_EVENT.equals(fhirContext.getResourceType(resource))) {
				continue;
			}
			if (ownPatient.isEmpty() || !compartment.patientsOf(resource).contains("Patient/" + ownPatient.get())) {
				details.setDontReturnResourceAtIndex(i);
			}
		}
	}

	/** A trail that names a resource never keeps it from being deleted. */
	@Hook(Pointcut.STORAGE_PRESTORAGE_DELETE_CONFLICTS)
	public DeleteConflictOutcome ignoreAuditReferences(DeleteConflictList conflicts) {
		conflicts.removeIf(conflict -> AUDIT_EVENT.equals(conflict.getSourceId().getResourceType()));
		return null;
	}

	private void refuseUnlessAuditWriter(IBaseResource resource, RequestDetails request) {
		if (AUDIT_EVENT.equals(fhirContext.getResourceType(resource)) && !AuditWriter.isAuditWriter(request)) {
			throw forbidden("AuditEvents are written by the server only and never changed");
		}
	}

	private void checkMayRead(Optional<Caller> caller) {
		if (!isPrivacyOfficer(caller) && patientUser(caller).isEmpty()) {
			throw forbidden("AuditEvents are readable only by a privacy officer, and by a patient for their own record");
		}
	}

	static boolean isPrivacyOfficer(Optional<Caller> caller) {
		return caller.map(c -> c.roles().contains(PRIVACY_OFFICER)).orElse(false);
	}

	/** The patient id of a patient's own login ({@code fhirUser} Patient/x). */
	static Optional<String> patientUser(Optional<Caller> caller) {
		return caller.flatMap(Caller::fhirUser)
				.filter(user -> user.startsWith("Patient/"))
				.map(user -> user.substring("Patient/".length()));
	}

	private ForbiddenOperationException forbidden(String message) {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.FORBIDDEN)
				.setDiagnostics(message);
		return new ForbiddenOperationException(message, outcome);
	}
}
