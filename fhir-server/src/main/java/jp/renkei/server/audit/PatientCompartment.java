package jp.renkei.server.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Binary;

/**
 * Which patients a resource belongs to: a Patient itself, the owners of a resource in the Patient
 * compartment (HAPI's {@link FhirTerser#getCompartmentOwnersForResource}), and for a Binary the
 * patient named by {@code securityContext}. Types outside the compartment (Organization, Location,
 * Practitioner, ...) are not patient data.
 */
public class PatientCompartment {

	private final FhirContext fhirContext;
	private final FhirTerser terser;
	private final Map<String, Boolean> patientDataTypes = new ConcurrentHashMap<>();

	public PatientCompartment(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
		this.terser = fhirContext.newTerser();
	}

	/** Whether resources of this type are patient data (Patient, Binary, or in the Patient compartment). */
	public boolean isPatientData(String resourceType) {
		if (resourceType == null) {
			return false;
		}
		return patientDataTypes.computeIfAbsent(resourceType, type -> {
			if (type.equals("Patient") || type.equals("Binary")) {
				return true;
			}
			if (!fhirContext.getResourceTypes().contains(type)) {
				return false;
			}
			return !fhirContext.getResourceDefinition(type).getSearchParamsForCompartmentName("Patient").isEmpty();
		});
	}

	/** {@code Patient/<id>} of every patient the resource belongs to; empty for non-patient data. */
	public Set<String> patientsOf(IBaseResource resource) {
		Set<String> patients = new LinkedHashSet<>();
		String type = fhirContext.getResourceType(resource);
		if (type.equals("Patient")) {
			if (resource.getIdElement().hasIdPart()) {
				patients.add("Patient/" + resource.getIdElement().getIdPart());
			}
		} else if (resource instanceof Binary binary) {
			IIdType context = binary.getSecurityContext().getReferenceElement();
			if ("Patient".equals(context.getResourceType()) && context.hasIdPart()) {
				patients.add("Patient/" + context.getIdPart());
			}
		} else if (isPatientData(type)) {
			for (IIdType owner : terser.getCompartmentOwnersForResource("Patient", resource, Set.of())) {
				// HAPI returns every reference of the compartment's paths: an Organization as performer or
				// author is no owner.
				boolean patient = !owner.hasResourceType() || "Patient".equals(owner.getResourceType());
				if (patient && owner.hasIdPart() && !owner.isLocal() && !owner.hasBaseUrl()) {
					patients.add("Patient/" + owner.getIdPart());
				}
			}
		}
		return patients;
	}
}
