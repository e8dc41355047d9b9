package jp.renkei.server.identity;

import java.util.Objects;

/**
 * How likely two Patient records (or a {@code $match} query and a record) describe the same person,
 * from 0 (different people) to 1 (the same person), by weighted evidence. Each piece of evidence
 * both sides carry adds its weight when it agrees and subtracts its penalty when it disagrees;
 * evidence one side lacks counts for nothing. The sum is clamped to 0..1.
 *
 * <table>
 *   <caption>Weights</caption>
 *   <tr><th>evidence</th><th>agrees</th><th>disagrees</th><th>why</th></tr>
 *   <tr><td>insurance member id (保険者番号:記号:番号:枝番)</td><td>+0.90</td><td>−0.50</td>
 *       <td>identifies one insured person (the 枝番 tells family members apart): on its own it is a
 *       certain match; a different one is strong evidence of another person (a twin, a relative)</td></tr>
 *   <tr><td>kana name (folded)</td><td>+0.45</td><td>−0.40</td>
 *       <td>the reading is what registers agree on; kanji vary (異体字, typos)</td></tr>
 *   <tr><td>kanji name (NFKC)</td><td>+0.10</td><td>0</td>
 *       <td>confirms, but a differing kanji is usually a variant or a typo, not another person</td></tr>
 *   <tr><td>birth date</td><td>+0.30</td><td>−0.30</td><td>see below</td></tr>
 *   <tr><td>sex</td><td>+0.05</td><td>−0.20</td><td>rarely differs for the same person</td></tr>
 *   <tr><td>a shared phone number</td><td>+0.20</td><td>−0.10 (both have phones, none shared)</td>
 *       <td>households share phones, people change them</td></tr>
 * </table>
 *
 * <p>A different birth date without the same insurance member id caps the score at
 * {@value #IMPROBABLE} (improbable): the same name and phone with another birth date is a relative.
 * So the same kana, kanji, birth date and sex give 0.90 (linked at the default threshold 0.85); a
 * kanji typo with the same kana, birth date, sex and phone 1.0; kana and birth date alone 0.75
 * (probable, for review); twins sharing family name, birth date, sex and phone but not the given name
 * 0.15 at most, and less with their different insurance ids.
 */
public final class MatchScorer {

	static final double INSURANCE_AGREES = 0.90;
	static final double INSURANCE_DISAGREES = -0.50;
	static final double KANA_AGREES = 0.45;
	static final double KANA_DISAGREES = -0.40;
	static final double KANJI_AGREES = 0.10;
	static final double BIRTH_DATE_AGREES = 0.30;
	static final double BIRTH_DATE_DISAGREES = -0.30;
	static final double SEX_AGREES = 0.05;
	static final double SEX_DISAGREES = -0.20;
	static final double PHONE_AGREES = 0.20;
	static final double PHONE_DISAGREES = -0.10;
	static final double IMPROBABLE = 0.30;

	/** The score of {@code candidate} against {@code query}, 0..1, rounded to three decimals. */
	public double score(IdentityEvidence query, IdentityEvidence candidate) {
		double score = 0;
		Boolean insurance = compare(query.insurance(), candidate.insurance());
		score += weigh(insurance, INSURANCE_AGREES, INSURANCE_DISAGREES);
		score += weigh(compare(query.kanaKey(), candidate.kanaKey()), KANA_AGREES, KANA_DISAGREES);
		score += weigh(compare(query.kanjiKey(), candidate.kanjiKey()), KANJI_AGREES, 0);
		Boolean birthDate = compare(query.birthDate(), candidate.birthDate());
		score += weigh(birthDate, BIRTH_DATE_AGREES, BIRTH_DATE_DISAGREES);
		score += weigh(compareSex(query.gender(), candidate.gender()), SEX_AGREES, SEX_DISAGREES);
		if (!query.phones().isEmpty() && !candidate.phones().isEmpty()) {
			boolean shared = query.phones().stream().anyMatch(candidate.phones()::contains);
			score += shared ? PHONE_AGREES : PHONE_DISAGREES;
		}
		score = Math.max(0, Math.min(1, score));
		if (Boolean.FALSE.equals(birthDate) && !Boolean.TRUE.equals(insurance)) {
			score = Math.min(score, IMPROBABLE);
		}
		return Math.round(score * 1000) / 1000.0;
	}

	/** True if both say the same, false if both say something different, null if either is silent. */
	private static Boolean compare(String a, String b) {
		if (a == null || b == null) {
			return null;
		}
		return Objects.equals(a, b);
	}

	/** {@code unknown} and {@code other} say nothing about sex. */
	private static Boolean compareSex(String a, String b) {
		boolean aKnown = "male".equals(a) || "female".equals(a);
		boolean bKnown = "male".equals(b) || "female".equals(b);
		return aKnown && bKnown ? a.equals(b) : null;
	}

	private static double weigh(Boolean agrees, double agreement, double disagreement) {
		if (agrees == null) {
			return 0;
		}
		return agrees ? agreement : disagreement;
	}
}
