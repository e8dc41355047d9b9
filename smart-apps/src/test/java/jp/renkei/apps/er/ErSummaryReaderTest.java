package jp.renkei.apps.er;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.parser.DataFormatException;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

class ErSummaryReaderTest {

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

	@Test
	void namesTheMergedFacilitiesAndWarnsOfALinkedRecordLeftOut() {
		Bundle document = SummaryDocument.full();
		org.hl7.fhir.r4.model.Composition composition = (org.hl7.fhir.r4.model.Composition) document.getEntryFirstRep().getResource();
		org.hl7.fhir.r4.model.Patient atClinic = new org.hl7.fhir.r4.model.Patient();
		atClinic.setId("er-test-patient-clinic");
		atClinic.setManagingOrganization(new org.hl7.fhir.r4.model.Reference("Organization/clinic"));
		document.addEntry().setFullUrl("http://fhir.example.jp/fhir/Patient/er-test-patient-clinic").setResource(atClinic);
		org.hl7.fhir.r4.model.Patient contradicting = new org.hl7.fhir.r4.model.Patient();
		contradicting.setId("er-test-patient-other");
		contradicting.setManagingOrganization(new org.hl7.fhir.r4.model.Reference("Organization/hospital"));
		document.addEntry().setFullUrl("http://fhir.example.jp/fhir/Patient/er-test-patient-other").setResource(contradicting);
		var merged = composition.addSection();
		merged.getCode().addCoding(new org.hl7.fhir.r4.model.Coding(ErSummaryReader.SECTION_SYSTEM, "merged-records", null));
		merged.addEntry(new org.hl7.fhir.r4.model.Reference("Patient/" + SummaryDocument.PATIENT_ID));
		merged.addEntry(new org.hl7.fhir.r4.model.Reference("Patient/er-test-patient-clinic"));
		var excluded = composition.addSection();
		excluded.getCode().addCoding(new org.hl7.fhir.r4.model.Coding(ErSummaryReader.SECTION_SYSTEM, "excluded-records", null));
		excluded.addEntry(new org.hl7.fhir.r4.model.Reference("Patient/er-test-patient-other"));

		ErSummary summary = ErSummaryReader.read(document, TODAY);

		assertThat(summary.mergedFrom()).containsExactly(SummaryDocument.CLINIC);
		assertThat(summary.excludedFrom()).containsExactly(SummaryDocument.HOSPITAL);
		assertThat(ErSummaryReader.read(SummaryDocument.full(), TODAY).excludedFrom()).isEmpty();
	}

	@Test
	void readsEverySectionWithItsFacilityAndDate() {
		ErSummary summary = ErSummaryReader.read(SummaryDocument.full(), TODAY);

		assertThat(summary.banner().name()).isEqualTo("田中 一郎");
		assertThat(summary.banner().kana()).isEqualTo("タナカ イチロウ");
		assertThat(summary.banner().age()).isEqualTo(76);
		// The facility's own id, not the insurance number.
		assertThat(summary.banner().facilityPatientId()).isEqualTo("H-000123");

		assertThat(summary.section("allergies")).containsExactly(new ErSummary.Item(SummaryDocument.ALLERGY, "アナフィラキシー",
				"2024-04-10", SummaryDocument.HOSPITAL, java.util.List.of(SummaryDocument.CLINIC), true));
		assertThat(summary.section("contraindications")).singleElement().satisfies(item -> {
			assertThat(item.title()).isEqualTo(SummaryDocument.CONTRAINDICATED_DRUG);
			assertThat(item.facility()).isEqualTo(SummaryDocument.CLINIC);
			assertThat(item.date()).isEqualTo("2025-01-20");
		});
		assertThat(summary.section("infections")).singleElement().satisfies(item -> {
			assertThat(item.title()).isEqualTo(SummaryDocument.INFECTION);
			assertThat(item.detail()).isEqualTo("陽性");
			assertThat(item.warning()).isTrue();
		});
		assertThat(summary.section("problems")).extracting(ErSummary.Item::title).containsExactly(SummaryDocument.PROBLEM);
		assertThat(summary.section("medications")).singleElement().satisfies(item -> {
			assertThat(item.title()).isEqualTo(SummaryDocument.MEDICATION);
			assertThat(item.detail()).isEqualTo("1回1錠 1日2回 朝夕食後");
		});
		assertThat(summary.section("procedures")).extracting(ErSummary.Item::date).containsExactly("2021-09-14");
		assertThat(summary.section("encounters")).singleElement().satisfies(item -> {
			assertThat(item.title()).isEqualTo("外来");
			assertThat(item.detail()).isEqualTo("定期受診");
			assertThat(item.facility()).isEqualTo(SummaryDocument.CLINIC);
		});
		assertThat(summary.section("documents")).extracting(ErSummary.Item::title).containsExactly(SummaryDocument.DOCUMENT);
	}

	@Test
	void labsBecomeOneSeriesOldestFirstWithATrendChart() {
		ErSummary summary = ErSummaryReader.read(SummaryDocument.full(), TODAY);

		assertThat(summary.labs()).singleElement().satisfies(lab -> {
			assertThat(lab.name()).isEqualTo(SummaryDocument.LAB);
			assertThat(lab.unit()).isEqualTo("%");
			assertThat(lab.referenceRange()).isEqualTo("4.6–6.2");
			assertThat(lab.values()).extracting(ErSummary.LabValue::value).containsExactly("7.9", "7.4", "7.1");
			assertThat(lab.latest()).isEqualTo(new ErSummary.LabValue("2026-11-01", "7.1", "H"));
			assertThat(lab.chart()).startsWith("<svg").contains("<polyline");
		});
	}

	@Test
	void imagingCarriesItsReportTextAndTheViewerEndpoint() {
		ErSummary summary = ErSummaryReader.read(SummaryDocument.full(), TODAY);

		assertThat(summary.imaging()).containsExactly(new ErSummary.ImagingItem(SummaryDocument.IMAGING, "2026-10-15",
				SummaryDocument.HOSPITAL, SummaryDocument.IMAGING_REPORT, SummaryDocument.VIEWER));
	}

	@Test
	void emptySectionsAreEmpty() {
		ErSummary summary = ErSummaryReader.read(SummaryDocument.empty(), TODAY);

		ErSummary.FIRST_SCREEN.forEach(code -> assertThat(summary.section(code)).isEmpty());
		assertThat(summary.labs()).isEmpty();
		assertThat(summary.imaging()).isEmpty();
	}

	@Test
	void aBundleThatIsNotASummaryDocumentIsRefused() {
		Bundle searchset = new Bundle().setType(Bundle.BundleType.SEARCHSET);
		assertThatThrownBy(() -> ErSummaryReader.read(searchset, TODAY)).isInstanceOf(DataFormatException.class);
	}
}
