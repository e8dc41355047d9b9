package jp.renkei.server.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
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
 */
@Interceptor
public class ProfileEnforcementInterceptor implements FhirServerInterceptor {

	private final FhirContext fhirContext;
	private final ProfileValidator validator;

	public ProfileEnforcementInterceptor(FhirContext fhirContext, ProfileValidator validator) {
		this.fhirContext = fhirContext;
		this.validator = validator;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void beforeCreate(IBaseResource resource) {
		enforce(resource);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void beforeUpdate(IBaseResource previous, IBaseResource updated) {
		enforce(updated);
	}

	private void enforce(IBaseResource resource) {
		OperationOutcome outcome = validator.check(resource);
		if (outcome.hasIssue()) {
			throw new UnprocessableEntityException(fhirContext, outcome);
		}
	}
}
