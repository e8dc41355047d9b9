package jp.renkei.server.consent;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.Optional;
import jp.renkei.server.access.RequestCaller;
import jp.renkei.server.auth.Caller;
import jp.renkei.server.config.FhirServerInterceptor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * Who may write a Consent, however it arrives (plain create, update, patch, transaction, or the
 * workflow operations): a consent is what lets other facilities see a record, so a facility may
 * record one only for the Patient records it keeps itself, as the obtaining facility; it may change
 * only the consents it obtained. A privacy officer may change (not create) any consent; region
 * operators and the server itself are not restricted. Without this, a facility could write itself a
 * permit on another facility's patient and read that record.
 */
@Component
@Interceptor
public class ConsentWriteGuard implements FhirServerInterceptor {

	static final String PRIVACY_OFFICER = "privacy-officer";

	private final RequestCaller callers;
	private final RegionOperators operators;
	private final PatientData patientData;

	public ConsentWriteGuard(RequestCaller callers, RegionOperators operators, PatientData patientData) {
		this.callers = callers;
		this.operators = operators;
		this.patientData = patientData;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void created(IBaseResource resource, RequestDetails request) {
		if (resource instanceof Consent consent) {
			restricted(request).ifPresent(caller -> checkObtainedBy(caller, consent, "record"));
		}
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource, RequestDetails request) {
		if (!(resource instanceof Consent consent)) {
			return;
		}
		Optional<Caller> restricted = restricted(request);
		if (restricted.isEmpty() || restricted.get().roles().contains(PRIVACY_OFFICER)) {
			return;
		}
		if (previous instanceof Consent before) {
			checkObtainedBy(restricted.get(), before, "change");
		}
		checkObtainedBy(restricted.get(), consent, "change");
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
	public void deleted(IBaseResource resource, RequestDetails request) {
		if (resource instanceof Consent consent) {
			restricted(request).filter(caller -> !caller.roles().contains(PRIVACY_OFFICER))
					.ifPresent(caller -> checkObtainedBy(caller, consent, "delete"));
		}
	}

	private Optional<Caller> restricted(RequestDetails request) {
		return callers.of(request).filter(caller -> !operators.isRegionOperator(caller));
	}

	private void checkObtainedBy(Caller caller, Consent consent, String verb) {
		String facility = caller.organization().orElseThrow(() -> forbidden(
				"only a facility (or the region operator) may " + verb + " a Consent"));
		String obtainedBy = consent.getOrganizationFirstRep().getReferenceElement().toUnqualifiedVersionless().getValue();
		if (!facility.equals(obtainedBy)) {
			throw forbidden("a facility may " + verb + " only the consents it obtained: Consent.organization must be " + facility);
		}
		var patient = consent.getPatient().getReferenceElement();
		if (!patient.hasIdPart()) {
			return;
		}
		Optional<String> keeper = patientData.lookups().resource(new IdType("Patient", patient.getIdPart()))
				.map(Patient.class::cast)
				.filter(Patient::hasManagingOrganization)
				.map(record -> record.getManagingOrganization().getReferenceElement().toUnqualifiedVersionless().getValue());
		if (keeper.isPresent() && !keeper.get().equals(facility)) {
			throw forbidden("the consent to share a Patient record is obtained by the facility that keeps it ("
					+ "Patient." + "managingOrganization), not by " + facility);
		}
	}

	private static BaseServerResponseException forbidden(String message) {
		ForbiddenOperationException exception = new ForbiddenOperationException(message);
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.FORBIDDEN)
				.setDiagnostics(message);
		exception.setOperationOutcome(outcome);
		return exception;
	}
}
