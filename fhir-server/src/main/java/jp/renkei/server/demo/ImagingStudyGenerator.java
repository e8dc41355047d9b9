package jp.renkei.server.demo;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import jp.renkei.server.demo.Registration.Visit;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Reference;

/**
 * JP_ImagingStudy_Radiology resources like JP Core's radiology example: DICOM study, series and SOP
 * instance UIDs, modality, body part and the PACS endpoint the images could be fetched from.
 */
final class ImagingStudyGenerator {

	private final DemoCalendar calendar;

	ImagingStudyGenerator(DemoCalendar calendar) {
		this.calendar = calendar;
	}

	ImagingStudy study(Registration registration, Visit visit, DemoImaging imaging, String id) {
		Facility facility = registration.facility();
		ImagingStudy study = new ImagingStudy();
		study.setId(id);
		study.getMeta().addProfile(Canonicals.JP_IMAGING_STUDY_RADIOLOGY);
		study.addIdentifier().setSystem("urn:dicom:uid").setValue("urn:oid:" + uid(id));
		study.setStatus(ImagingStudy.ImagingStudyStatus.AVAILABLE);
		study.addModality(new Coding(Canonicals.DICOM_DCM, imaging.modality(), imaging.modalityDisplay()));
		study.setSubject(registration.patientReference());
		study.setEncounter(visit.reference());
		study.setStartedElement(calendar.dateTime(visit.start(), visit.startMinute() + 60));
		study.setReferrer(visit.physician().reference());
		study.addInterpreter(facility.radiologist().reference());
		study.addEndpoint(new Reference("Endpoint/" + facility.endpointId()));
		study.setNumberOfSeries(imaging.seriesCount());
		study.setNumberOfInstances(imaging.seriesCount() * imaging.instancesPerSeries());
		study.setDescription(imaging.description());
		for (int s = 1; s <= imaging.seriesCount(); s++) {
			ImagingStudy.ImagingStudySeriesComponent series = study.addSeries()
					.setUid(uid(id + "/" + s))
					.setNumber(s)
					.setModality(new Coding(Canonicals.DICOM_DCM, imaging.modality(), imaging.modalityDisplay()))
					.setDescription(imaging.description() + " #" + s)
					.setNumberOfInstances(imaging.instancesPerSeries())
					.setBodySite(new Coding(Canonicals.SNOMED, imaging.bodySiteCode(), imaging.bodySiteDisplay()));
			for (int i = 1; i <= imaging.instancesPerSeries(); i++) {
				series.addInstance()
						.setUid(uid(id + "/" + s + "/" + i))
						.setSopClass(new Coding(Canonicals.DICOM_UIDS, imaging.sopClass(), null))
						.setNumber(i);
			}
		}
		return study;
	}

	/**
	 * The radiologist's report of {@code study} (JP_DiagnosticReport_Radiology): what the study showed
	 * for the condition that brought the person in, issued the next morning.
	 */
	DiagnosticReport report(Registration registration, Visit visit, ImagingStudy study, DemoImaging imaging, DemoCondition reason,
			String id) {
		Facility facility = registration.facility();
		DiagnosticReport report = new DiagnosticReport();
		report.setId(id);
		report.getMeta().addProfile(Canonicals.PROFILE + "JP_DiagnosticReport_Radiology");
		report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
		report.addCategory(new CodeableConcept(new Coding(Canonicals.LOINC, "LP29684-5", "放射線")));
		report.addCategory(new CodeableConcept(new Coding(Canonicals.DICOM_DCM, imaging.modality(), imaging.modalityDisplay())));
		report.setCode(new CodeableConcept(new Coding(Canonicals.DOCUMENT_CODES, "18748-4", "画像検査報告書")));
		report.setSubject(registration.patientReference());
		report.setEncounter(visit.reference());
		report.setEffective(study.getStartedElement().copy());
		report.setIssuedElement(calendar.instant(visit.start().plusDays(1), 9 * 60 + 30));
		report.addPerformer(facility.radiologist().reference());
		report.addResultsInterpreter(facility.radiologist().reference());
		report.addImagingStudy(new Reference("ImagingStudy/" + study.getIdPart()).setDisplay(imaging.description()));
		report.setConclusion(impression(reason));
		return report;
	}

	/** The impression a radiologist writes for the demo's admission reasons. */
	private static String impression(DemoCondition reason) {
		return switch (reason) {
			case PNEUMONIA -> "右下肺野に浸潤影。肺炎として矛盾しない。胸水なし。";
			case ASPIRATION_PNEUMONIA -> "両側下葉背側に浸潤影と気管支壁肥厚。誤嚥性肺炎を疑う。胸水なし。";
			case FEMORAL_NECK_FRACTURE -> "右大腿骨頚部骨折、転位あり。";
			case CEREBRAL_INFARCTION -> "左中大脳動脈領域に拡散強調像で高信号域。急性期脳梗塞。出血なし。";
			case GASTRIC_CANCER -> "胃体部小弯に不整な壁肥厚。胃癌に矛盾しない。明らかな遠隔転移なし。";
			case ACUTE_APPENDICITIS -> "虫垂の腫大と周囲脂肪織の濃度上昇。急性虫垂炎。穿孔を示唆する所見なし。";
			default -> "特記すべき異常所見なし。";
		};
	}

	/**
	 * A DICOM UID under the 2.25 arc (ISO/IEC 9834-8: a UUID written as one decimal number), from a
	 * name-based UUID so that the same study always gets the same UID without a registered root.
	 */
	static String uid(String name) {
		UUID uuid = UUID.nameUUIDFromBytes(("renkei-demo:" + name).getBytes(StandardCharsets.UTF_8));
		byte[] bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
				.putLong(uuid.getLeastSignificantBits()).array();
		return "2.25." + new BigInteger(1, bytes);
	}
}
