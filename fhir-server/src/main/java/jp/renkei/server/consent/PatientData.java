package jp.renkei.server.consent;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.util.FhirTerser;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * Whose record a resource is part of, and which facility holds it.
 *
 * <ul>
 *   <li>Patient data are the Patient resources and everything in a Patient compartment (FHIR R4's
 *       compartment definition), plus a {@code Binary} whose {@code securityContext} is a Patient or a
 *       resource of one. Everything else (Organization, Location, Practitioner, terminology) is shared.</li>
 *   <li>The holding facility is the server-stamped {@link HoldingFacility} tag; a resource without
 *       one (written before stamping existed) falls back to its Consent's {@code organization} or its
 *       patient record's {@code managingOrganization} (each facility keeps its own Patient record).</li>
 * </ul>
 */
@Component
public class PatientData {

	private final FhirContext fhirContext;
	private final DaoRegistry daos;
	private final Map<String, Boolean> compartmentTypes = new java.util.concurrent.ConcurrentHashMap<>();
	private final Map<String, List<String>> pathsByType = new java.util.concurrent.ConcurrentHashMap<>();

	public PatientData(FhirContext fhirContext, DaoRegistry daos) {
		this.fhirContext = fhirContext;
		this.daos = daos;
	}

	/** Whether resources of this type can be patient data. */
	public boolean isPatientDataType(String resourceType) {
		return compartmentTypes.computeIfAbsent(resourceType, type -> {
			if ("Patient".equals(type) || "Binary".equals(type)) {
				return true;
			}
			if (!fhirContext.getResourceTypes().contains(type)) {
				return false;
			}
			RuntimeResourceDefinition definition = fhirContext.getResourceDefinition(type);
			return !definition.getSearchParamsForCompartmentName("Patient").isEmpty();
		});
	}

	/** The logical ids of the patients whose record {@code resource} is part of; empty for shared data. */
	public Set<String> owners(IBaseResource resource, Lookups lookups) {
		String type = fhirContext.getResourceType(resource);
		if (resource instanceof Patient patient) {
			return patient.getIdElement().hasIdPart() ? Set.of(patient.getIdElement().getIdPart()) : Set.of();
		}
		if (resource instanceof Binary binary) {
			if (!binary.hasSecurityContext() || !binary.getSecurityContext().getReferenceElement().hasIdPart()) {
				return Set.of();
			}
			IIdType context = binary.getSecurityContext().getReferenceElement();
			if ("Patient".equals(context.getResourceType())) {
				return Set.of(context.getIdPart());
			}
			return context.getResourceType() != null && isPatientDataType(context.getResourceType())
					? lookups.resource(context).map(target -> owners(target, lookups)).orElse(Set.of())
					: Set.of();
		}
		if (!isPatientDataType(type)) {
			return Set.of();
		}
		FhirTerser terser = fhirContext.newTerser();
		Set<String> owners = new LinkedHashSet<>();
		for (String path : compartmentPaths(type)) {
			for (IBaseReference reference : terser.getValues(resource, path, IBaseReference.class)) {
				IIdType owner = reference.getReferenceElement();
				if (owner != null && owner.hasIdPart() && "Patient".equals(owner.getResourceType())) {
					owners.add(owner.getIdPart());
				}
			}
		}
		return owners;
	}

	/**
	 * The element paths of the type's Patient-compartment search parameters, simplified for the
	 * terser ({@code Observation.subject.where(resolve() is Patient)} becomes {@code Observation.subject};
	 * the references found are then kept only when they point at a Patient). Computed once per type:
	 * HAPI's own compartment-owner walk evaluates FHIRPath per resource, too slow for every result of
	 * every search.
	 */
	private List<String> compartmentPaths(String type) {
		return pathsByType.computeIfAbsent(type, unused -> {
			List<String> paths = new java.util.ArrayList<>();
			for (var parameter : fhirContext.getResourceDefinition(type).getSearchParamsForCompartmentName("Patient")) {
				for (String path : parameter.getPathsSplit()) {
					String simple = path.trim().replaceAll("\\.where\\(.*$", "").replaceAll("\\s+as\\s+\\w+\\)?$", "")
							.replace("(", "");
					if (simple.matches("[A-Za-z]+(\\.[A-Za-z]+)+") && simple.startsWith(type + ".") && !paths.contains(simple)) {
						paths.add(simple);
					}
				}
			}
			return List.copyOf(paths);
		});
	}

	/** {@code Organization/<id>} holding the resource, if known. */
	public Optional<String> holder(IBaseResource resource, Set<String> owners, Lookups lookups) {
		Optional<String> stamped = HoldingFacility.of(resource);
		if (stamped.isPresent()) {
			return stamped;
		}
		return derivedHolder(resource, owners, lookups);
	}

	/** The holder a resource has by its content: Consent's organization, the patient record's managing organization. */
	Optional<String> derivedHolder(IBaseResource resource, Set<String> owners, Lookups lookups) {
		if (resource instanceof Patient patient) {
			return organization(patient.getManagingOrganization().getReferenceElement());
		}
		if (resource instanceof Consent consent && consent.hasOrganization()) {
			Optional<String> obtainedBy = organization(consent.getOrganizationFirstRep().getReferenceElement());
			if (obtainedBy.isPresent()) {
				return obtainedBy;
			}
		}
		if (owners.size() != 1) {
			return Optional.empty();
		}
		return lookups.patient(owners.iterator().next())
				.flatMap(patient -> organization(patient.getManagingOrganization().getReferenceElement()));
	}

	private static Optional<String> organization(IIdType reference) {
		if (reference == null || !reference.hasIdPart() || !"Organization".equals(reference.getResourceType())) {
			return Optional.empty();
		}
		return Optional.of("Organization/" + reference.getIdPart());
	}

	/** Reads the server needs while deciding, cached for one request. */
	public Lookups lookups() {
		return new Lookups();
	}

	/** Per-request cache of resources read by the server itself (never by the caller's rights). */
	public final class Lookups {

		// Concurrent: the entries of a batch may be decided in parallel for one request.
		private final Map<String, Optional<IBaseResource>> resources = new java.util.concurrent.ConcurrentHashMap<>();

		Optional<Patient> patient(String id) {
			return resource(new IdType("Patient", id)).map(Patient.class::cast);
		}

		/** The current version, or the last one if deleted; empty when it never existed. */
		Optional<IBaseResource> resource(IIdType id) {
			String key = id.toUnqualifiedVersionless().getValue();
			return resources.computeIfAbsent(key, unused -> {
				if (!daos.isResourceTypeSupported(id.getResourceType())) {
					return Optional.empty();
				}
				RequestDetails internal = new SystemRequestDetails();
				try {
					return Optional.of(daos.getResourceDao(id.getResourceType())
							.read(id.toUnqualifiedVersionless(), internal, true));
				} catch (ResourceNotFoundException | ResourceGoneException e) {
					return Optional.empty();
				}
			});
		}
	}
}
