package jp.renkei.server.consent;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Optional;
import java.util.Set;
import jp.renkei.server.access.RequestCaller;
import jp.renkei.server.auth.Caller;
import jp.renkei.server.config.FhirServerInterceptor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.stereotype.Component;

/**
 * Stamps the {@link HoldingFacility} tag on every patient resource written, before it is stored:
 *
 * <ul>
 *   <li>A caller acting for a facility: that facility. A tag the client sent is replaced.</li>
 *   <li>The server itself and region operators (loading, migration): the tag they sent, else the
 *       facility derived from the content (the Consent's organization, the patient record's managing
 *       organization).</li>
 *   <li>Any other caller (a patient, a user without a facility): derived from the content.</li>
 *   <li>An update keeps the facility of the version it replaces: a record does not change hands by
 *       being edited.</li>
 * </ul>
 */
@Component
@Interceptor
public class HoldingFacilityStamp implements FhirServerInterceptor {

	private final RequestCaller callers;
	private final RegionOperators operators;
	private final PatientData patientData;

	public HoldingFacilityStamp(RequestCaller callers, RegionOperators operators, PatientData patientData) {
		this.callers = callers;
		this.operators = operators;
		this.patientData = patientData;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void created(IBaseResource resource, RequestDetails request) {
		stamp(resource, request, Optional.empty());
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource, RequestDetails request) {
		stamp(resource, request, previous == null ? Optional.empty() : HoldingFacility.of(previous));
	}

	private void stamp(IBaseResource resource, RequestDetails request, Optional<String> previousHolder) {
		PatientData.Lookups lookups = patientData.lookups();
		Set<String> owners = patientData.owners(resource, lookups);
		boolean patientRecord = !owners.isEmpty() || patientData.isPatientDataType(resource.fhirType()) && "Patient".equals(resource.fhirType());
		Optional<Caller> caller = callers.of(request);
		boolean trusted = caller.isEmpty() || operators.isRegionOperator(caller.get());
		if (!patientRecord) {
			if (!trusted) {
				HoldingFacility.set(resource, Optional.empty());
			}
			return;
		}
		if (previousHolder.isPresent()) {
			HoldingFacility.set(resource, previousHolder);
			return;
		}
		Optional<String> sent = HoldingFacility.of(resource);
		Optional<String> holder;
		if (caller.isPresent() && caller.get().organization().isPresent() && !trusted) {
			holder = caller.get().organization();
		} else if (trusted && sent.isPresent()) {
			holder = sent;
		} else {
			holder = patientData.derivedHolder(resource, owners, lookups);
		}
		HoldingFacility.set(resource, holder);
	}
}
