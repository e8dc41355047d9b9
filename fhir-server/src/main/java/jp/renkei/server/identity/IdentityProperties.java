package jp.renkei.server.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the regional patient identity ({@code renkei.identity.*}).
 *
 * @param linkThreshold a new or changed Patient record joins the person of its best-scoring
 *     candidate when the score ({@link MatchScorer}, 0..1) reaches this; {@code $match} grades such
 *     a candidate {@code certain}
 * @param reviewThreshold candidates scoring at least this (and below the link threshold) are listed
 *     to reviewers as possible matches and returned by {@code $match}; below it they are left out
 * @param maxCandidates most index rows one look-up considers (a birth date shared by many records)
 */
@ConfigurationProperties("renkei.identity")
public record IdentityProperties(
		@DefaultValue("0.85") double linkThreshold,
		@DefaultValue("0.6") double reviewThreshold,
		@DefaultValue("200") int maxCandidates) {

	public IdentityProperties {
		if (!(reviewThreshold > 0 && reviewThreshold <= linkThreshold && linkThreshold <= 1)) {
			throw new IllegalArgumentException("renkei.identity thresholds need 0 < review-threshold <= link-threshold <= 1, not "
					+ reviewThreshold + " and " + linkThreshold);
		}
		if (maxCandidates < 1) {
			throw new IllegalArgumentException("renkei.identity.max-candidates must be positive: " + maxCandidates);
		}
	}

	/** The grade a score earns: certain from the link threshold, probable from halfway between the thresholds. */
	MatchGrade grade(double score) {
		if (score >= linkThreshold) {
			return MatchGrade.CERTAIN;
		}
		if (score >= (linkThreshold + reviewThreshold) / 2) {
			return MatchGrade.PROBABLE;
		}
		return score >= reviewThreshold ? MatchGrade.POSSIBLE : MatchGrade.CERTAINLY_NOT;
	}
}
