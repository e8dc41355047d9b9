package jp.renkei.server.summary;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much history the emergency summary carries ({@code renkei.summary.*} in application.yaml). The
 * limits keep one answer small and fast whatever the size of a record (a patient with thousands of
 * lab results): the newest items are kept.
 *
 * @param labValuesPerTest results shown per test (the trend of the ER screen)
 * @param labTests distinct tests shown, those with the newest results first
 * @param infectionResults newest infection results read
 * @param medications current prescriptions read (status active)
 * @param procedures newest operations and procedures
 * @param encounters newest encounters
 * @param imagingStudies newest imaging studies (with their reports)
 * @param documents newest documents (discharge summaries, referral letters)
 */
@ConfigurationProperties("renkei.summary")
public record SummaryProperties(
		@DefaultValue("5") int labValuesPerTest,
		@DefaultValue("40") int labTests,
		@DefaultValue("50") int infectionResults,
		@DefaultValue("100") int medications,
		@DefaultValue("20") int procedures,
		@DefaultValue("10") int encounters,
		@DefaultValue("10") int imagingStudies,
		@DefaultValue("10") int documents) {

	public SummaryProperties {
		for (int limit : new int[] {labValuesPerTest, labTests, infectionResults, medications, procedures,
				encounters, imagingStudies, documents}) {
			if (limit < 1 || limit > 2000) {
				throw new IllegalArgumentException("renkei.summary limits must be between 1 and 2000, was " + limit);
			}
		}
	}
}
