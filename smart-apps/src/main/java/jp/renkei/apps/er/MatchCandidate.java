package jp.renkei.apps.er;

/**
 * One answer of {@code Patient/$match}, as the search result list shows it.
 *
 * @param id the Patient's logical id
 * @param grade {@code certain}, {@code probable} or {@code possible} (match-grade extension), or empty
 * @param score 0..1 as a percentage
 * @param facility the facility keeping the record, or empty
 */
public record MatchCandidate(String id, String name, String kana, String genderKey, String birthDate, String grade, int score,
		String facility) {}
