package jp.renkei.server.auth;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;

/**
 * Finds the patients a practitioner may choose at the patient picker and in the launch simulator:
 * those whose record is kept by the practitioner's organization ({@code Patient.managingOrganization}),
 * read through HAPI's DAO inside the server (consent narrows this later), and the encounters of a patient.
 */
public class PatientFinder {

	static final int PAGE = 20;

	/** A patient as the picker lists them. */
	public record PatientSummary(String id, String name, String kana, String birthDate, String gender) {}

	/** An encounter as the launch simulator lists it. */
	public record EncounterSummary(String id, String period, String kind, String status) {}

	private final DaoRegistry daos;

	public PatientFinder(DaoRegistry daos) {
		this.daos = daos;
	}

	/** Patients of {@code organization} ({@code Organization/x}), optionally whose name starts with {@code name}. */
	public List<PatientSummary> search(String organization, String name) {
		if (organization == null) {
			return List.of();
		}
		SearchParameterMap query = SearchParameterMap.newSynchronous();
		query.add(Patient.SP_ORGANIZATION, new ReferenceParam(organization));
		if (name != null && !name.isBlank()) {
			query.add(Patient.SP_NAME, new StringParam(name.strip()));
		}
		query.setCount(PAGE);
		try {
			IBundleProvider found = patients().search(query, new SystemRequestDetails());
			return found.getResources(0, PAGE).stream().map(Patient.class::cast).map(PatientFinder::summary).toList();
		} catch (BaseServerResponseException e) {
			return List.of();
		}
	}

	/** The patient when it exists and {@code organization} keeps its record. */
	public Optional<PatientSummary> visible(String organization, String patientId) {
		return read(patientId).filter(patient -> organization != null
				&& organization.equals(patient.getManagingOrganization().getReference())).map(PatientFinder::summary);
	}

	/** The patient, whoever keeps it (for showing the patient in context). */
	public Optional<PatientSummary> find(String patientId) {
		return read(patientId).map(PatientFinder::summary);
	}

	public List<EncounterSummary> encounters(String patientId) {
		SearchParameterMap query = SearchParameterMap.newSynchronous();
		query.add(Encounter.SP_SUBJECT, new ReferenceParam("Patient/" + patientId));
		query.setCount(PAGE);
		try {
			IBundleProvider found = daos.getResourceDao(Encounter.class).search(query, new SystemRequestDetails());
			return found.getResources(0, PAGE).stream().map(Encounter.class::cast).map(encounter -> new EncounterSummary(
					encounter.getIdElement().getIdPart(),
					startOf(encounter),
					encounter.getClass_().getDisplay(),
					encounter.getStatus() == null ? "" : encounter.getStatus().toCode())).toList();
		} catch (BaseServerResponseException e) {
			return List.of();
		}
	}

	/** The start as {@code 2026-01-16 15:15} (local time as recorded), or empty. */
	private static String startOf(Encounter encounter) {
		String start = encounter.getPeriod().getStartElement().asStringValue();
		if (start == null) {
			return "";
		}
		return start.length() >= 16 ? start.substring(0, 16).replace('T', ' ') : start;
	}

	/** Whether {@code encounterId} is an encounter of {@code patientId}. */
	public boolean isEncounterOf(String encounterId, String patientId) {
		try {
			Encounter encounter = daos.getResourceDao(Encounter.class).read(new IdType("Encounter", encounterId), new SystemRequestDetails());
			return ("Patient/" + patientId).equals(encounter.getSubject().getReferenceElement().toUnqualifiedVersionless().getValue());
		} catch (BaseServerResponseException | IllegalArgumentException e) {
			return false;
		}
	}

	private Optional<Patient> read(String patientId) {
		if (patientId == null || !patientId.matches("[A-Za-z0-9\\-.]{1,64}")) {
			return Optional.empty();
		}
		try {
			return Optional.of(patients().read(new IdType("Patient", patientId), new SystemRequestDetails()));
		} catch (BaseServerResponseException e) {
			return Optional.empty();
		}
	}

	private IFhirResourceDao<Patient> patients() {
		return daos.getResourceDao(Patient.class);
	}

	private static PatientSummary summary(Patient patient) {
		List<HumanName> names = patient.getName();
		String name = names.isEmpty() ? patient.getIdElement().getIdPart() : text(names.get(0));
		String kana = names.size() > 1 ? text(names.get(1)) : "";
		return new PatientSummary(patient.getIdElement().getIdPart(), name, kana,
				patient.hasBirthDate() ? patient.getBirthDateElement().asStringValue() : "",
				patient.hasGender() ? patient.getGender().toCode() : "");
	}

	private static String text(HumanName name) {
		return name.hasText() ? name.getText() : name.getNameAsSingleString();
	}
}
