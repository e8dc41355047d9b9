package jp.renkei.server.summary;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import jp.renkei.server.access.CallerScopes;
import jp.renkei.server.access.Interaction;
import jp.renkei.server.access.RequestCaller;
import jp.renkei.server.config.FhirServerProvider;
import jp.renkei.server.consent.PatientData;
import jp.renkei.server.consent.RegionConsentInterceptor;
import jp.renkei.server.consent.RegionConsentService;
import jp.renkei.server.emergency.EmergencyContext;
import jp.renkei.server.identity.RegionalIdentity;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * {@code GET /fhir/Patient/{id}/$summary}: the emergency summary of one person in one request, a
 * FHIR document ({@link SummaryComposer}) merged from every facility record the region links to
 * {@code id} ({@link RegionalIdentity}).
 *
 * <p>Everything is read with the server's own reads, then only what the caller may see is kept, by
 * the same consent decision as every other read path ({@link RegionConsentService}); HAPI's consent
 * walk over the response then finds nothing more to remove, so the document stays whole. A hidden or
 * unknown patient is 404, the same answer. An emergency-access window opened for {@code id} covers
 * the person's linked records within this request only. A patient-context token gets only the
 * patient's own record. The access is audited like any other (one AuditEvent per patient record).
 * Linked records whose birth date or sex disagree with {@code id} are left out, and the document
 * says so in its section {@code excluded-records}.
 */
@Component
public class SummaryOperation implements FhirServerProvider {

	public static final String NAME = "$summary";
	private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

	private final DaoRegistry daos;
	private final RegionalIdentity identity;
	private final RegionConsentService consent;
	private final PatientData patientData;
	private final RequestCaller callers;
	private final SummaryProperties limits;
	private final SummaryComposer composer;
	private final Clock clock = Clock.systemUTC();

	public SummaryOperation(DaoRegistry daos, RegionalIdentity identity, RegionConsentService consent, PatientData patientData,
			RequestCaller callers, SummaryProperties limits) {
		this.daos = daos;
		this.identity = identity;
		this.consent = consent;
		this.patientData = patientData;
		this.callers = callers;
		this.limits = limits;
		this.composer = new SummaryComposer(limits);
	}

	@Operation(name = NAME, idempotent = true, type = Patient.class)
	@Description(shortDefinition = "Emergency summary (救急サマリー): a FHIR document of the patient's 6 information "
			+ "(problems, allergies, infections, drug contraindications, recent labs, current prescriptions), operations, "
			+ "encounters, imaging and documents, merged across the region's linked facility records, under consent")
	public Bundle summary(@IdParam IdType id, RequestDetails request) {
		if (id == null || !id.hasIdPart() || !FHIR_ID.matcher(id.getIdPart()).matches()) {
			throw new InvalidRequestException("Patient/[id]/$summary needs a valid patient id");
		}
		Patient subject = patient(id.getIdPart()).filter(p -> seen(request, p))
				.orElseThrow(() -> new ResourceNotFoundException(new IdType("Patient", id.getIdPart())));

		List<String> candidates = ownRecordOnly(request) ? List.of(subject.getIdPart())
				: identity.linkedRecords(subject.getIdPart());
		EmergencyContext.extendToLinkedRecords(request, candidates);
		List<Patient> linked = new ArrayList<>();
		List<Patient> excluded = new ArrayList<>();
		for (String other : candidates) {
			if (other.equals(subject.getIdPart())) {
				continue;
			}
			Optional<Patient> record = patient(other).filter(p -> seen(request, p));
			if (record.isEmpty()) {
				continue;
			}
			(samePerson(subject, record.get()) ? linked : excluded).add(record.get());
		}
		List<String> merged = new ArrayList<>();
		merged.add(subject.getIdPart());
		linked.forEach(p -> merged.add(p.getIdPart()));

		Map<String, Resource> clinical = new LinkedHashMap<>();
		gather(clinical, request, search("AllergyIntolerance", merged, null, 500));
		gather(clinical, request, search("Condition", merged, null, 500));
		gather(clinical, request, search("MedicationRequest", merged, Map.of("status", new TokenParam("active")), limits.medications()));
		gather(clinical, request, search("Observation", merged, Map.of("code", infectionCodes()), limits.infectionResults(), "date"));
		gather(clinical, request, search("Observation", merged, Map.of("category", new TokenParam("laboratory")), limits.labResultsRead(), "date"));
		gather(clinical, request, search("Procedure", merged, null, limits.procedures() * 2, "date"));
		gather(clinical, request, search("Encounter", merged, null, limits.encounters(), "date"));
		gather(clinical, request, search("ImagingStudy", merged, null, limits.imagingStudies(), "started"));
		gather(clinical, request, search("DocumentReference", merged, Map.of("status", new TokenParam("current")), limits.documents(), "date"));
		Map<String, Resource> reports = new LinkedHashMap<>();
		if (clinical.values().stream().anyMatch(ImagingStudy.class::isInstance)) {
			gather(reports, request, search("DiagnosticReport", merged, null, limits.imagingStudies() * 3, "date"));
		}

		PatientData.Lookups lookups = patientData.lookups();
		Map<String, String> holders = new HashMap<>();
		for (Resource resource : concat(clinical.values(), reports.values())) {
			patientData.holder(resource, patientData.owners(resource, lookups), lookups)
					.ifPresent(holder -> holders.put(SummaryComposer.key(resource), holder));
		}
		SummaryRecords records = new SummaryRecords(subject, linked, excluded, new ArrayList<>(clinical.values()),
				reports.values().stream().filter(DiagnosticReport.class::isInstance).map(DiagnosticReport.class::cast)
						.filter(DiagnosticReport::hasImagingStudy).toList(),
				endpoints(clinical.values()), organizations(subject, linked, excluded, holders, clinical.values()), holders);
		return composer.compose(records, request.getFhirServerBase(), clock.instant());
	}

	/** A patient-context token (patient/*.rs) reaches only its own record: no linked records of others. */
	private boolean ownRecordOnly(RequestDetails request) {
		return callers.of(request).map(CallerScopes::of)
				.flatMap(scopes -> scopes.compartment("Patient", Interaction.READ)).isPresent();
	}

	/** Records of one person must agree on birth date and sex; a link that contradicts them is not trusted here. */
	private static boolean samePerson(Patient subject, Patient other) {
		boolean birthDate = !subject.hasBirthDate() || !other.hasBirthDate()
				|| subject.getBirthDateElement().getValueAsString().equals(other.getBirthDateElement().getValueAsString());
		boolean gender = !subject.hasGender() || !other.hasGender() || subject.getGender() == other.getGender();
		return birthDate && gender;
	}

	private boolean seen(RequestDetails request, IBaseResource resource) {
		return !RegionConsentInterceptor.isUnderConsent(request) || consent.visible(request, resource);
	}

	private void gather(Map<String, Resource> into, RequestDetails request, List<IBaseResource> found) {
		for (IBaseResource resource : found) {
			if (seen(request, resource)) {
				into.putIfAbsent(SummaryComposer.key((Resource) resource), (Resource) resource);
			}
		}
	}

	private Optional<Patient> patient(String id) {
		try {
			return Optional.of((Patient) daos.getResourceDao(Patient.class).read(new IdType("Patient", id), new SystemRequestDetails()));
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return Optional.empty();
		}
	}

	/** The newest {@code limit} resources of {@code type} of the given patient records (server's own read). */
	private List<IBaseResource> search(String type, List<String> patients, Map<String, ?> criteria, int limit, String... sortDescending) {
		SearchParameterMap map = SearchParameterMap.newSynchronous();
		ReferenceOrListParam owners = new ReferenceOrListParam();
		patients.forEach(id -> owners.addOr(new ReferenceParam("Patient/" + id)));
		map.add("patient", owners);
		if (criteria != null) {
			criteria.forEach((name, value) -> {
				if (value instanceof TokenOrListParam list) {
					map.add(name, list);
				} else {
					map.add(name, (TokenParam) value);
				}
			});
		}
		if (sortDescending.length > 0) {
			map.setSort(new SortSpec(sortDescending[0], SortOrderEnum.DESC));
		}
		map.setLoadSynchronousUpTo(limit);
		map.setCount(limit);
		return daos.getResourceDao(type).search(map, new SystemRequestDetails()).getResources(0, limit);
	}

	private static TokenOrListParam infectionCodes() {
		TokenOrListParam codes = new TokenOrListParam();
		SummaryComposer.INFECTION_SYSTEMS.forEach(system -> codes.addOr(new TokenParam(system, null)));
		return codes;
	}

	private Map<String, Endpoint> endpoints(Iterable<Resource> clinical) {
		Map<String, Endpoint> endpoints = new HashMap<>();
		for (Resource resource : clinical) {
			if (resource instanceof ImagingStudy study) {
				for (Reference reference : study.getEndpoint()) {
					String id = reference.getReferenceElement().getIdPart();
					if (id != null && !endpoints.containsKey(id)) {
						read(Endpoint.class, id).ifPresent(endpoint -> endpoints.put(id, endpoint));
					}
				}
			}
		}
		return endpoints;
	}

	private Map<String, Organization> organizations(Patient subject, List<Patient> linked, List<Patient> excluded,
			Map<String, String> holders, Iterable<Resource> clinical) {
		Set<String> ids = new LinkedHashSet<>();
		holders.values().forEach(holder -> ids.add(holder.substring(holder.indexOf('/') + 1)));
		for (Patient patient : concat(List.of(subject), concat(linked, excluded))) {
			ids.add(patient.getManagingOrganization().getReferenceElement().getIdPart());
		}
		for (Resource resource : clinical) {
			if (resource instanceof Encounter encounter && encounter.hasServiceProvider()) {
				ids.add(encounter.getServiceProvider().getReferenceElement().getIdPart());
			}
		}
		Map<String, Organization> organizations = new HashMap<>();
		ids.stream().filter(Objects::nonNull).forEach(id -> read(Organization.class, id).ifPresent(o -> organizations.put(id, o)));
		return organizations;
	}

	private <T extends Resource> Optional<T> read(Class<T> type, String id) {
		if (!FHIR_ID.matcher(id).matches()) {
			return Optional.empty();
		}
		try {
			return Optional.of(type.cast(daos.getResourceDao(type).read(new IdType(type.getSimpleName(), id), new SystemRequestDetails())));
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return Optional.empty();
		}
	}

	private static <T> List<T> concat(Iterable<? extends T> first, Iterable<? extends T> second) {
		List<T> all = new ArrayList<>();
		first.forEach(all::add);
		second.forEach(all::add);
		return all;
	}
}
