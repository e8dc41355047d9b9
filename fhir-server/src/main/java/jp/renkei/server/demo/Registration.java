package jp.renkei.server.demo;

import java.time.LocalDate;
import java.util.Random;
import org.hl7.fhir.r4.model.Reference;

/**
 * A person's record at one facility: the Patient id, the facility's patient number and the random
 * source all of that record's content is drawn from (seeded by person and facility, so records do
 * not shift when other people are added).
 *
 * @param ordinal 0 for the person's primary facility, then 1, 2
 */
record Registration(DemoPerson person, Facility facility, int ordinal, Random random) {

	String patientId() {
		return "demo-pat-" + person.number() + "-" + facility.key();
	}

	/** Prefix of the ids of everything recorded under this registration, e.g. {@code 0001-h1}. */
	String idStem() {
		return person.number() + "-" + facility.key();
	}

	/** The facility's own patient number (8 digits, numbering differs per facility). */
	String patientNumber() {
		int facilityNumber = Integer.parseInt(facility.code().institutionNumber());
		return String.format("%08d", (facilityNumber % 97 + 1) * 100_000 + person.index());
	}

	Reference patientReference() {
		return new Reference("Patient/" + patientId()).setDisplay(person.kanjiName());
	}

	boolean isPrimary() {
		return ordinal == 0;
	}

	/** A visit or stay at the facility, in days before the calendar's anchor. */
	record Visit(
			String encounterId,
			Type type,
			LocalDate start,
			int startMinute,
			LocalDate end,
			Facility.Physician physician,
			Facility.Bed bed,
			boolean inProgress) {

		Reference reference() {
			return new Reference("Encounter/" + encounterId);
		}

		enum Type {
			OUTPATIENT,
			INPATIENT
		}
	}
}
