package jp.renkei.server.acceptance;

import java.util.List;

/** What one caller can see of a patient's record, however it was found out. */
interface RecordView {

	/** The patient and exactly the given Observations are visible. */
	void assertVisible(List<String> observationIds);

	/** Nothing of the patient is visible. */
	void assertNothingVisible();
}
