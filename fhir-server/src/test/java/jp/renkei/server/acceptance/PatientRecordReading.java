package jp.renkei.server.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * What a caller gets when it looks up a patient's record: the Patient read by id, the search for the
 * patient's Observations, and a read of each Observation by id (ids the caller could have learned
 * elsewhere).
 */
record PatientRecordReading(
		String patientId,
		HttpResponse<String> patientRead,
		HttpResponse<String> observationSearch,
		List<HttpResponse<String>> observationReads) implements RecordView {

	static PatientRecordReading read(FhirHttp http, String token, String patientId, List<String> observationIds,
			Map<String, String> headers) {
		HttpResponse<String> patient = http.get(token, "/Patient/" + patientId, headers);
		HttpResponse<String> search = http.get(token, "/Observation?patient=Patient/" + patientId + "&_count=100", headers);
		List<HttpResponse<String>> reads = new ArrayList<>();
		for (String id : observationIds) {
			reads.add(http.get(token, "/Observation/" + id, headers));
		}
		return new PatientRecordReading(patientId, patient, search, reads);
	}

	/** The patient and exactly the given Observations are visible. */
	@Override
	public void assertVisible(List<String> observationIds) {
		assertThat(patientRead.statusCode()).as(patientRead.body()).isEqualTo(200);
		assertThat(((Patient) FhirHttp.parse(patientRead.body())).getIdElement().getIdPart()).isEqualTo(patientId);
		assertThat(observationSearch.statusCode()).as(observationSearch.body()).isEqualTo(200);
		assertThat(observationsIn(observationSearch)).containsExactlyInAnyOrderElementsOf(observationIds);
		for (HttpResponse<String> read : observationReads) {
			assertThat(read.statusCode()).as(read.uri() + " " + read.body()).isEqualTo(200);
			assertThat(FhirHttp.parse(read.body())).isInstanceOf(Observation.class);
		}
	}

	/**
	 * Nothing of the patient is visible, not even that there is something: 404 on reads (never a 403
	 * that confirms the record), a search without entries and without a total that counts them.
	 */
	@Override
	public void assertNothingVisible() {
		assertThat(patientRead.statusCode()).as(patientRead.body()).isEqualTo(404);
		assertThat(FhirHttp.parse(patientRead.body())).isInstanceOf(OperationOutcome.class);
		assertThat(observationSearch.statusCode()).as(observationSearch.body()).isEqualTo(200);
		Bundle bundle = (Bundle) FhirHttp.parse(observationSearch.body());
		assertThat(observationsIn(observationSearch)).as(observationSearch.body()).isEmpty();
		assertThat(bundle.hasTotal() ? bundle.getTotal() : 0).as("total of " + observationSearch.body()).isZero();
		for (HttpResponse<String> read : observationReads) {
			assertThat(read.statusCode()).as(read.uri() + " " + read.body()).isEqualTo(404);
		}
	}

	/** Every request was refused with 403 and an OperationOutcome, and no resource of the patient came back. */
	void assertRefused() {
		List<HttpResponse<String>> all = new ArrayList<>(List.of(patientRead, observationSearch));
		all.addAll(observationReads);
		for (HttpResponse<String> response : all) {
			assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(403);
			Resource body = FhirHttp.parse(response.body());
			assertThat(body).isInstanceOf(OperationOutcome.class);
			OperationOutcome.IssueType code = ((OperationOutcome) body).getIssueFirstRep().getCode();
			assertThat(code).as(response.body()).isIn(OperationOutcome.IssueType.SECURITY, OperationOutcome.IssueType.FORBIDDEN);
		}
	}

	private static List<String> observationsIn(HttpResponse<String> search) {
		Bundle bundle = (Bundle) FhirHttp.parse(search.body());
		return bundle.getEntry().stream()
				.map(Bundle.BundleEntryComponent::getResource)
				.filter(Observation.class::isInstance)
				.map(resource -> resource.getIdElement().getIdPart())
				.toList();
	}
}
