package jp.renkei.server.summary;

import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * What the summary is composed from: the caller-visible resources of one person's linked facility
 * records, already limited to what the summary shows ({@link SummaryProperties}).
 *
 * @param subject the Patient record asked for
 * @param linked the person's other facility records that are merged (visible, not in conflict)
 * @param excluded linked records left out because their birth date or sex disagrees with the subject
 * @param clinical the clinical resources of all merged records (any order)
 * @param imagingReports DiagnosticReports of the imaging studies among {@code clinical}
 * @param endpoints the image viewer endpoints the imaging studies name, by logical id
 * @param organizations the facilities named (holders, service providers), by logical id
 * @param holders {@code Organization/<id>} holding each clinical resource, by {@code Type/id}
 */
public record SummaryRecords(
		Patient subject,
		List<Patient> linked,
		List<Patient> excluded,
		List<Resource> clinical,
		List<DiagnosticReport> imagingReports,
		Map<String, Endpoint> endpoints,
		Map<String, Organization> organizations,
		Map<String, String> holders) {

	public SummaryRecords {
		linked = List.copyOf(linked);
		excluded = List.copyOf(excluded);
		clinical = List.copyOf(clinical);
		imagingReports = List.copyOf(imagingReports);
		endpoints = Map.copyOf(endpoints);
		organizations = Map.copyOf(organizations);
		holders = Map.copyOf(holders);
	}
}
