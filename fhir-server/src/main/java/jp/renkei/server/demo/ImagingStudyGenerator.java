package jp.renkei.server.demo;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import jp.renkei.server.demo.Registration.Visit;
import org.hl7.fhir.r4.model.Coding;
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
