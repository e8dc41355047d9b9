package jp.renkei.server.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jp.renkei.server.config.FhirServerInterceptor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Refuses to store a resource that fails its profiles, with HTTP 422 and an OperationOutcome
 * naming each problem and its FHIRPath location.
 *
 * <p>Hooked on the storage layer, so every way of writing is covered: create, update, conditional
 * create/update, PATCH results and every entry of a transaction (whose failure rolls back the
 * whole transaction).
 *
 * <p>Resources the server builds itself on an internal request marked with {@link #skipValidation}
 * (the audit trail's AuditEvents) are not validated: they cannot be invalid in ways a client caused,
 * and validating every audit record would cost more than writing it.
 */
@Interceptor
public class ProfileEnforcementInterceptor implements FhirServerInterceptor {

	private final FhirContext fhirContext;
	private final ProfileValidator validator;

	public ProfileEnforcementInterceptor(FhirContext fhirContext, ProfileValidator validator) {
		this.fhirContext = fhirContext;
		this.validator = validator;
	}

	private static final String SKIP = ProfileEnforcementInterceptor.class.getName() + ".skip";

	/** Marks an internal request whose writes are built by the server and need no validation. */
	public static void skipValidation(SystemRequestDetails request) {
		request.getUserData().put(SKIP, Boolean.TRUE);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void beforeCreate(IBaseResource resource, RequestDetails request) {
		if (!skipped(request)) {
			enforce(resource);
		}
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void beforeUpdate(IBaseResource previous, IBaseResource updated, RequestDetails request) {
		if (!skipped(request)) {
			enforce(updated);
		}
	}

	private static boolean skipped(RequestDetails request) {
		return request instanceof SystemRequestDetails && Boolean.TRUE.equals(request.getUserData().get(SKIP));
	}

	private void enforce(IBaseResource resource) {
		OperationOutcome outcome = validator.check(resource);
		if (outcome.hasIssue()) {
			throw new UnprocessableEntityException(fhirContext, outcome);
		}
	}
}
