package jp.renkei.server.demo;

import java.math.BigDecimal;
import jp.renkei.server.demo.Registration.Visit;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.SimpleQuantity;

/**
 * JP_MedicationRequest resources shaped like JP Core's own examples (Rp number and order in Rp,
 * JAMI usage code, MERIT-9 units, period of use and duration extensions), because the profile and
 * its dosage profile are strict about those elements.
 */
final class PrescriptionGenerator {

	private final DemoCalendar calendar;

	PrescriptionGenerator(DemoCalendar calendar) {
		this.calendar = calendar;
	}

	/**
	 * @param rpNumber the Rp (剤) number within the prescription issued at this visit
	 * @param active whether the patient is still taking it (the latest repeat prescription, or an inpatient order)
	 * @param reason the Condition it treats, or null
	 */
	MedicationRequest prescribe(Registration registration, Visit visit, DemoDrug drug, String id, int rpNumber,
			boolean active, Reference reason) {
		Facility facility = registration.facility();
		boolean inpatient = visit.type() == Visit.Type.INPATIENT;
		MedicationRequest request = new MedicationRequest();
		request.setId(id);
		request.getMeta().addProfile(Canonicals.JP_MEDICATION_REQUEST);
		request.addIdentifier().setSystem(Canonicals.RP_GROUP_NUMBER).setValue(String.valueOf(rpNumber));
		request.addIdentifier().setSystem(Canonicals.ADMINISTRATION_INDEX).setValue("1");
		request.addIdentifier().setSystem(Canonicals.RESOURCE_INSTANCE_IDENTIFIER)
				.setValue(facility.code().value() + "." + visit.encounterId().substring("demo-enc-".length()) + "." + rpNumber);
		request.setStatus(active ? MedicationRequest.MedicationRequestStatus.ACTIVE : MedicationRequest.MedicationRequestStatus.COMPLETED);
		request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
		request.addCategory(new CodeableConcept(new Coding(Canonicals.MEDICATION_CATEGORY,
				inpatient ? "IHP" : "OHP", inpatient ? "入院処方" : "外来処方")));
		request.setMedication(new CodeableConcept(new Coding(drug.system(), drug.code(), drug.display())).setText(drug.display()));
		request.setSubject(registration.patientReference());
		request.setEncounter(visit.reference());
		request.setAuthoredOnElement(calendar.dateTime(visit.start(), visit.startMinute() + 12));
		request.setRequester(visit.physician().reference());
		if (reason != null) {
			request.addReasonReference(reason);
		}
		request.addDosageInstruction(dosage(visit, drug));
		int total = drug.tabletsPerDose() * drug.usage().timesPerDay() * drug.days();
		request.getDispenseRequest()
				.setQuantity(tablets(total))
				.setExpectedSupplyDuration(days(drug.days()));
		return request;
	}

	private Dosage dosage(Visit visit, DemoDrug drug) {
		Dosage dosage = new Dosage();
		dosage.addExtension(Canonicals.EXT_PERIOD_OF_USE, new Period().setStartElement(calendar.dayOf(visit.start())));
		dosage.addExtension(Canonicals.EXT_USAGE_DURATION, days(drug.days()));
		dosage.setText(drug.usage().text());
		dosage.getTiming().setCode(new CodeableConcept(
				new Coding(Canonicals.MEDICATION_USAGE_JAMI, drug.usage().code(), drug.usage().display())));
		dosage.setRoute(new CodeableConcept(new Coding(Canonicals.ROUTE_CODES, "PO", "口")));
		dosage.setMethod(new CodeableConcept(new Coding(Canonicals.METHOD_DETAIL_USAGE, "10", "経口")));
		Dosage.DosageDoseAndRateComponent doseAndRate = dosage.addDoseAndRate();
		doseAndRate.setType(new CodeableConcept(new Coding(Canonicals.STRENGTH_TYPE, "1", "製剤量")));
		doseAndRate.setDose(tablets(drug.tabletsPerDose()));
		Quantity perDay = new Quantity().setValue(drug.tabletsPerDose() * drug.usage().timesPerDay())
				.setUnit("錠").setSystem(Canonicals.MERIT9_UNIT).setCode("TAB");
		Quantity day = new Quantity().setValue(1).setUnit("日").setSystem(Canonicals.UCUM).setCode("d");
		doseAndRate.setRate(new Ratio().setNumerator(perDay).setDenominator(day));
		return dosage;
	}

	private static SimpleQuantity tablets(int count) {
		SimpleQuantity quantity = new SimpleQuantity();
		quantity.setValue(BigDecimal.valueOf(count)).setUnit("錠").setSystem(Canonicals.MERIT9_UNIT).setCode("TAB");
		return quantity;
	}

	private static Duration days(int days) {
		Duration duration = new Duration();
		duration.setValue(days).setUnit("日").setSystem(Canonicals.UCUM).setCode("d");
		return duration;
	}
}
