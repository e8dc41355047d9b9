package jp.renkei.server.demo;

import java.time.LocalDate;
import java.util.List;
import jp.renkei.server.demo.JapaneseNames.NamePart;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;

/**
 * One fictional resident of the region. A person registered at several facilities becomes one
 * Patient record per facility, all with the same name, birth date, address and telephone numbers,
 * as separate hospital systems would hold them; linking them is the regional identity service's job.
 *
 * @param index position in the region, from 1; it fixes the person's random seed and ids
 * @param registrations the facilities holding a record, the primary (most visited) one first
 * @param chronicConditions followed at regular visits
 * @param acuteCondition a short illness seen once at the primary facility, or null
 * @param admissionCondition the reason for a hospital admission, or null (only with a hospital registration)
 * @param insuranceMemberId the JP-CLINS insurance member id ({@code 保険者番号:記号:番号:枝番}), the same on every record
 */
record DemoPerson(
		int index,
		NamePart family,
		NamePart given,
		AdministrativeGender gender,
		LocalDate birthDate,
		int age,
		DemoCity city,
		String addressLine,
		String postalCode,
		String homePhone,
		String mobilePhone,
		List<Facility> registrations,
		List<DemoCondition> chronicConditions,
		DemoCondition acuteCondition,
		DemoCondition admissionCondition,
		List<DemoAllergen> allergies,
		String insuranceMemberId) {

	DemoPerson {
		registrations = List.copyOf(registrations);
		chronicConditions = List.copyOf(chronicConditions);
		allergies = List.copyOf(allergies);
	}

	/**
	 * This person as the twin of {@code sibling}: the sibling's family name, birth date, address and
	 * home phone, their own given name, and the sibling's insurance number with another branch number.
	 */
	DemoPerson twinOf(DemoPerson sibling) {
		return new DemoPerson(index, sibling.family(), given, gender, sibling.birthDate(), sibling.age(), sibling.city(),
				sibling.addressLine(), sibling.postalCode(), sibling.homePhone(), mobilePhone, registrations, chronicConditions,
				acuteCondition, admissionCondition, allergies, IdentityCases.familyMemberId(sibling.insuranceMemberId()));
	}

	String number() {
		return String.format("%04d", index);
	}

	String kanjiName() {
		return family.kanji() + " " + given.kanji();
	}

	String kanaName() {
		return family.kana() + " " + given.kana();
	}

	String addressText() {
		return DemoCity.PREFECTURE + city.cityName() + addressLine;
	}

	Facility primaryFacility() {
		return registrations.get(0);
	}
}
