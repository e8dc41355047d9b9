package jp.renkei.apps.er;

import java.util.regex.Pattern;

/**
 * The standalone search form: kana name + birth date + sex, or an insurance number (保険者番号,
 * 記号, 番号, 枝番). Blank fields are empty strings.
 */
public record PatientSearch(String kana, String birthDate, String gender, String insurer, String symbol, String number,
		String branch) {

	private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
	private static final Pattern DIGITS = Pattern.compile("[0-9]{1,8}");

	public PatientSearch {
		kana = clean(kana);
		birthDate = clean(birthDate);
		gender = clean(gender);
		insurer = clean(insurer);
		symbol = clean(symbol);
		number = clean(number);
		branch = clean(branch);
	}

	public static PatientSearch empty() {
		return new PatientSearch("", "", "", "", "", "", "");
	}

	public boolean byInsurance() {
		return !insurer.isEmpty() || !number.isEmpty();
	}

	/** The message key of what is wrong with the form, or null when it can be sent. */
	public String problem() {
		if (byInsurance()) {
			return DIGITS.matcher(insurer).matches() && !number.isEmpty() && number.length() <= 20 && symbol.length() <= 20
					&& branch.length() <= 2 ? null : "er.search.error.insurance";
		}
		if (kana.isEmpty() || kana.length() > 60 || !DATE.matcher(birthDate).matches()) {
			return "er.search.error.name";
		}
		if (!gender.isEmpty() && !java.util.Set.of("male", "female", "other", "unknown").contains(gender)) {
			return "er.search.error.name";
		}
		return null;
	}

	/** The insurance member id as JP-CLINS writes it: {@code <保険者番号>:<記号>:<番号>:<枝番>}. */
	public String insuranceMemberId() {
		return insurer + ":" + symbol + ":" + number + ":" + branch;
	}

	private static String clean(String value) {
		return value == null ? "" : value.strip();
	}
}
