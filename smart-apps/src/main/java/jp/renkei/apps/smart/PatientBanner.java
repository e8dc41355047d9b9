package jp.renkei.apps.smart;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;

/**
 * What the patient banner shows of a Patient record: kanji and kana name, sex, birth date and age,
 * and the holding facility's own patient id.
 *
 * @param id the logical id ({@code Patient/<id>} on the regional server)
 * @param name the kanji name (JP Core: {@code iso21090-EN-representation} = IDE), or the first name
 * @param kana the kana name (representation SYL), or empty
 * @param genderKey message key of the sex ({@code sex.male}, ...)
 * @param birthDate {@code yyyy-MM-dd}, or empty
 * @param age full years at {@code today}, or -1 when the birth date is unknown
 * @param facilityPatientId the facility's patient id ({@code Patient.identifier}, the first that is
 *     not an insurance number), or empty
 */
public record PatientBanner(String id, String name, String kana, String genderKey, String birthDate, int age,
		String facilityPatientId) {

	static final String REPRESENTATION = "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation";
	public static final String INSURANCE_MEMBER_ID_SYSTEM = "http://jpfhir.jp/fhir/clins/Idsystem/JP_Insurance_memberID";

	/** The banner of {@code patient} as of {@code today} (Japan's date: ages are shown to clinicians there). */
	public static PatientBanner of(Patient patient, LocalDate today) {
		List<HumanName> names = patient.getName();
		HumanName kanji = names.stream().filter(n -> hasRepresentation(n, "IDE")).findFirst()
				.orElse(names.isEmpty() ? null : names.get(0));
		HumanName kana = names.stream().filter(n -> hasRepresentation(n, "SYL")).findFirst()
				.orElse(names.size() > 1 && names.get(1) != kanji ? names.get(1) : null);
		String birthDate = patient.hasBirthDate() ? patient.getBirthDateElement().getValueAsString() : "";
		int age = -1;
		if (birthDate.length() == 10) {
			age = Period.between(LocalDate.parse(birthDate), today).getYears();
		}
		String facilityId = patient.getIdentifier().stream()
				.filter(identifier -> !INSURANCE_MEMBER_ID_SYSTEM.equals(identifier.getSystem()))
				.map(Identifier::getValue).filter(value -> value != null && !value.isBlank()).findFirst().orElse("");
		String gender = patient.hasGender() ? patient.getGender().toCode() : "unknown";
		return new PatientBanner(patient.getIdElement().getIdPart(), text(kanji), text(kana), "sex." + gender, birthDate,
				age, facilityId);
	}

	private static boolean hasRepresentation(HumanName name, String code) {
		Extension representation = name.getExtensionByUrl(REPRESENTATION);
		return representation != null && code.equals(representation.getValue().primitiveValue());
	}

	private static String text(HumanName name) {
		if (name == null) {
			return "";
		}
		if (name.hasText()) {
			return name.getText();
		}
		// Japanese order: family name first, with a space.
		StringBuilder text = new StringBuilder(name.getFamily() == null ? "" : name.getFamily());
		name.getGiven().forEach(given -> text.append(text.isEmpty() ? "" : " ").append(given.getValue()));
		return text.toString();
	}
}
