package jp.renkei.server.demo;

import java.util.List;
import jp.renkei.server.demo.DemoCondition.Department;
import jp.renkei.server.demo.JapaneseNames.NamePart;
import jp.renkei.terminology.codesystem.MedicalInstitutionCode;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Reference;

/**
 * One facility of the demo region with everything the generator needs to write records authored
 * by it: its institution code, address, wards and beds (hospitals only) and physicians.
 */
record Facility(
		String key,
		Kind kind,
		String name,
		DemoCity city,
		String addressLine,
		String postalCode,
		double latitude,
		double longitude,
		String phone,
		MedicalInstitutionCode code,
		List<Ward> wards,
		List<Physician> physicians) {

	Facility {
		wards = List.copyOf(wards);
		physicians = List.copyOf(physicians);
	}

	/** 病院 (20 beds or more) or 診療所. */
	enum Kind {
		HOSPITAL,
		CLINIC
	}

	String organizationId() {
		return "demo-org-" + key;
	}

	String endpointId() {
		return "demo-endpoint-" + key;
	}

	Reference reference() {
		return new Reference("Organization/" + organizationId()).setDisplay(name);
	}

	/** The identifier system of this facility's patient numbers (JP Core: OID + 1 + 10-digit code). */
	String patientIdSystem() {
		return Canonicals.PATIENT_ID_OID_PREFIX + code.value();
	}

	String physicianIdSystem() {
		return Canonicals.PHYSICIAN_ID_OID_PREFIX + code.value();
	}

	boolean isHospital() {
		return kind == Kind.HOSPITAL;
	}

	/** The physician of a department, or the facility's first physician when it has none. */
	Physician physicianFor(Department department) {
		return physicians.stream().filter(p -> p.department() == department).findFirst().orElse(physicians.get(0));
	}

	Physician radiologist() {
		return physicianFor(Department.RADIOLOGY);
	}

	/** A physician employed by the facility. */
	record Physician(
			String id,
			String roleId,
			String staffNumber,
			NamePart family,
			NamePart given,
			AdministrativeGender gender,
			Department department,
			String registrationNumber) {

		String displayName() {
			return family.kanji() + " " + given.kanji();
		}

		Reference reference() {
			return new Reference("Practitioner/" + id).setDisplay(displayName());
		}
	}

	/** A hospital ward (病棟) and its beds. */
	record Ward(String id, String code, String name, Department department, List<Bed> beds) {

		Ward {
			beds = List.copyOf(beds);
		}
	}

	/** One bed (病床) with its housekeeping status. */
	record Bed(String id, String code, String name, BedStatus status) {

		Reference reference() {
			return new Reference("Location/" + id).setDisplay(name);
		}
	}

	/** HL7 v2 table 0116 bed status, the values {@code Location.operationalStatus} takes for beds. */
	enum BedStatus {
		OCCUPIED("O", "Occupied"),
		UNOCCUPIED("U", "Unoccupied"),
		CLOSED("C", "Closed"),
		HOUSEKEEPING("H", "Housekeeping"),
		CONTAMINATED("K", "Contaminated"),
		ISOLATED("I", "Isolated");

		private final String code;
		private final String display;

		BedStatus(String code, String display) {
			this.code = code;
			this.display = display;
		}

		String code() {
			return code;
		}

		String display() {
			return display;
		}
	}
}
