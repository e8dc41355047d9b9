package jp.renkei.server.identity;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import jp.renkei.terminology.text.JapaneseTextFolding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;

/**
 * What one Patient record (or a {@code $match} query) says about who the person is, folded so that
 * spellings of the same thing compare equal. Every field may be null (or empty) when the record
 * does not say.
 *
 * @param birthDate {@code yyyy-MM-dd} (only full dates count)
 * @param gender the administrative gender code
 * @param kanaKey the kana name (JP Core: the HumanName marked {@code SYL}), folded: hiragana and
 *     half-width katakana to full-width katakana, spaces and separators removed
 * @param kanjiKey the name as written (marked {@code IDE} or unmarked), NFKC, spaces removed
 * @param phones telephone numbers, digits only ({@code +81} as a leading 0)
 * @param insurance the JP-CLINS insurance member id {@code 保険者番号:記号:番号:枝番}, NFKC, spaces removed
 * @param organization the record's {@code managingOrganization} ({@code Organization/x})
 */
public record IdentityEvidence(
		String birthDate,
		String gender,
		String kanaKey,
		String kanjiKey,
		Set<String> phones,
		String insurance,
		String organization) {

	/** JP-CLINS: 被保険者個人識別子 (insurer number, symbol, number and branch number, separated by colons). */
	public static final String INSURANCE_SYSTEM = "http://jpfhir.jp/fhir/clins/Idsystem/JP_Insurance_memberID";
	static final String NAME_REPRESENTATION = "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation";
	/** 保険者番号 (6 or 8 digits) : 記号 (may be empty) : 番号 : 枝番 (may be empty). */
	private static final Pattern INSURANCE_FORMAT = Pattern.compile("\\d{6,8}:[^:]*:[^:]+:\\d{0,2}");

	public IdentityEvidence {
		phones = Set.copyOf(phones);
	}

	/** The evidence a stored Patient record gives. */
	public static IdentityEvidence of(Patient patient) {
		String kana = null;
		String kanji = null;
		for (HumanName name : patient.getName()) {
			String text = fullName(name);
			if (text.isBlank()) {
				continue;
			}
			String representation = Optional.ofNullable(name.getExtensionByUrl(NAME_REPRESENTATION))
					.map(extension -> extension.getValue().primitiveValue()).orElse(null);
			boolean syllabic = "SYL".equals(representation)
					|| representation == null && JapaneseTextFolding.isKanaOnly(text);
			if (syllabic && kana == null) {
				kana = emptyToNull(JapaneseTextFolding.foldName(text));
			} else if (!syllabic && kanji == null) {
				kanji = emptyToNull(kanjiKey(text));
			}
		}
		Set<String> phones = new LinkedHashSet<>();
		for (ContactPoint telecom : patient.getTelecom()) {
			if ((!telecom.hasSystem() || telecom.getSystem() == ContactPoint.ContactPointSystem.PHONE
					|| telecom.getSystem() == ContactPoint.ContactPointSystem.SMS) && telecom.hasValue()) {
				String digits = phoneDigits(telecom.getValue());
				if (digits.length() >= 6) {
					phones.add(digits);
				}
			}
		}
		String insurance = patient.getIdentifier().stream()
				.filter(identifier -> INSURANCE_SYSTEM.equals(identifier.getSystem()) && identifier.hasValue())
				.map(identifier -> normalizeInsurance(identifier.getValue()))
				.findFirst().orElse(null);
		String birthDate = patient.getBirthDateElement().getPrecision() == TemporalPrecisionEnum.DAY
				? patient.getBirthDateElement().getValueAsString() : null;
		String gender = patient.hasGender() ? patient.getGender().toCode() : null;
		String organization = patient.getManagingOrganization().getReferenceElement().hasIdPart()
				? "Organization/" + patient.getManagingOrganization().getReferenceElement().getIdPart() : null;
		return new IdentityEvidence(birthDate, gender, kana, kanji, phones, emptyToNull(insurance), organization);
	}

	/** Whether there is anything to look candidates up by: an insurance id, or a birth date with a name or phone. */
	public boolean isMatchable() {
		return insurance != null || birthDate != null && (kanaKey != null || kanjiKey != null || !phones.isEmpty());
	}

	/** Whether an insurance member id value has the JP-CLINS form {@code 保険者番号:記号:番号:枝番}. */
	public static boolean isWellFormedInsurance(Identifier identifier) {
		return identifier.hasValue() && INSURANCE_FORMAT.matcher(normalizeInsurance(identifier.getValue())).matches();
	}

	static String normalizeInsurance(String value) {
		return Normalizer.normalize(value, Normalizer.Form.NFKC).replaceAll("\\s+", "");
	}

	static String kanjiKey(String text) {
		return Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("[\\s\\u3000・]+", "");
	}

	static String phoneDigits(String value) {
		String normalized = Normalizer.normalize(value, Normalizer.Form.NFKC).trim();
		String digits = normalized.replaceAll("\\D", "");
		if (normalized.startsWith("+81") && digits.startsWith("81")) {
			return "0" + digits.substring(2);
		}
		return digits;
	}

	private static String fullName(HumanName name) {
		if (name.hasText()) {
			return name.getText();
		}
		StringBuilder parts = new StringBuilder(name.hasFamily() ? name.getFamily() : "");
		for (StringType given : name.getGiven()) {
			parts.append(' ').append(given.getValue());
		}
		return parts.toString().trim();
	}

	private static String emptyToNull(String value) {
		return value == null || value.isEmpty() ? null : value;
	}
}
