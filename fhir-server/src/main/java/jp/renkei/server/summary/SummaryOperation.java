package jp.renkei.server.summary;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
import jp.renkei.server.storage.ResourcesById;
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
	/** Selections made at most per summary when consent hides what was picked. */
	static final int SELECTION_ROUNDS = 3;
	private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

	private final DaoRegistry daos;
	private final ResourcesById resources;
	private final RegionalIdentity identity;
	private final SummaryIndex index;
	private final RegionConsentService consent;
	private final PatientData patientData;
	private final RequestCaller callers;
	private final SummaryProperties limits;
	private final SummaryComposer composer;
	private final Clock clock = Clock.systemUTC();

	public SummaryOperation(DaoRegistry daos, ResourcesById resources, RegionalIdentity identity, SummaryIndex index,
			RegionConsentService consent, PatientData patientData, RequestCaller callers, SummaryProperties limits) {
		this.daos = daos;
		this.resources = resources;
		this.identity = identity;
		this.index = index;
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
		Map<String, Patient> others = new HashMap<>();
		readByIds("Patient", candidates.stream().filter(other -> !other.equals(subject.getIdPart())).toList())
				.forEach(found -> others.put(found.getIdElement().getIdPart(), (Patient) found));
		for (String other : candidates) {
			Patient record = others.get(other);
			if (record != null && seen(request, record)) {
				(samePerson(subject, record) ? linked : excluded).add(record);
			}
		}
		List<String> merged = new ArrayList<>();
		merged.add(subject.getIdPart());
		linked.forEach(p -> merged.add(p.getIdPart()));

		// What the summary shows, picked from the summary index of the merged records, then read by id.
		Map<String, Resource> clinical = new LinkedHashMap<>();
		Map<String, Resource> reports = new LinkedHashMap<>();
		for (Resource resource : visibleSelection(index.itemsOf(merged), request)) {
			("DiagnosticReport".equals(resource.fhirType()) ? reports : clinical).putIfAbsent(SummaryComposer.key(resource), resource);
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

	/**
	 * The resources the selection picks from {@code items} among those the caller may see: what consent
	 * hides (a PSY-labelled result, a facility the patient excluded) or what is gone is taken out of
	 * the pool and the selection made again, so that the newest results the caller may see fill its
	 * places (at most {@value #SELECTION_ROUNDS} rounds; only rounds after a hidden item cost reads).
	 */
	private List<Resource> visibleSelection(List<SummaryIndex.Item> items, RequestDetails request) {
		Set<String> hidden = new HashSet<>();
		Map<String, Resource> visible = new HashMap<>();
		List<SummaryIndex.Item> chosen = List.of();
		for (int round = 0; round < SELECTION_ROUNDS; round++) {
			chosen = SummarySelection.choose(items.stream().filter(item -> !hidden.contains(key(item))).toList(), limits);
			List<SummaryIndex.Item> unread = chosen.stream().filter(item -> !visible.containsKey(key(item))).toList();
			if (unread.isEmpty()) {
				break;
			}
			Map<String, IBaseResource> found = new HashMap<>();
			SummaryIndex.idsByType(unread).forEach((type, ids) ->
					readByIds(type, ids).forEach(resource -> found.put(SummaryComposer.key((Resource) resource), resource)));
			for (SummaryIndex.Item item : unread) {
				IBaseResource resource = found.get(key(item));
				if (resource != null && seen(request, resource)) {
					visible.put(key(item), (Resource) resource);
				} else {
					hidden.add(key(item));
				}
			}
			if (unread.stream().noneMatch(item -> hidden.contains(key(item)))) {
				break;
			}
		}
		return chosen.stream().map(item -> visible.get(key(item))).filter(Objects::nonNull).toList();
	}

	private static String key(SummaryIndex.Item item) {
		return item.type() + "/" + item.id();
	}

	private Optional<Patient> patient(String id) {
		try {
			return Optional.of((Patient) daos.getResourceDao(Patient.class).read(new IdType("Patient", id), new SystemRequestDetails()));
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return Optional.empty();
		}
	}

	/** The resources of {@code type} with these ids (the server's own read: consent is decided by the caller of this). */
	private List<IBaseResource> readByIds(String type, List<String> ids) {
		return resources.read(type, ids.stream().filter(id -> FHIR_ID.matcher(id).matches()).toList());
	}

	private Map<String, Endpoint> endpoints(Iterable<Resource> clinical) {
		Set<String> ids = new LinkedHashSet<>();
		for (Resource resource : clinical) {
			if (resource instanceof ImagingStudy study) {
				for (Reference reference : study.getEndpoint()) {
					ids.add(reference.getReferenceElement().getIdPart());
				}
			}
		}
		Map<String, Endpoint> endpoints = new HashMap<>();
		readByIds("Endpoint", ids.stream().filter(Objects::nonNull).toList())
				.forEach(found -> endpoints.put(found.getIdElement().getIdPart(), (Endpoint) found));
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
		readByIds("Organization", ids.stream().filter(Objects::nonNull).toList())
				.forEach(found -> organizations.put(found.getIdElement().getIdPart(), (Organization) found));
		return organizations;
	}

	private static <T> List<T> concat(Iterable<? extends T> first, Iterable<? extends T> second) {
		List<T> all = new ArrayList<>();
		first.forEach(all::add);
		second.forEach(all::add);
		return all;
	}
}
