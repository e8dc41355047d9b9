package jp.renkei.apps.er;

import java.util.List;
import java.util.Map;
import jp.renkei.apps.smart.PatientBanner;

/**
 * The ER screen's view of one {@code $summary} document: the banner, then the sections by code
 * ({@code allergies}, {@code contraindications}, {@code infections}, {@code problems},
 * {@code medications}, {@code procedures}, {@code encounters}, {@code documents}), the lab series
 * and the imaging studies.
 *
 * @param banner the patient the summary is about
 * @param sections items per section code, in the document's order; a section the document lacks is empty
 * @param labs one series per test, most recent value last
 * @param imaging imaging studies with their reports
 * @param mergedFrom names of the facilities whose records of this person were merged (empty: one record)
 * @param excludedFrom names of the facilities holding a linked record left out because its birth date
 *     or sex contradicts this one (the physician should know that something was not shown)
 */
public record ErSummary(PatientBanner banner, Map<String, List<Item>> sections, List<LabSeries> labs, List<ImagingItem> imaging,
		List<String> mergedFrom, List<String> excludedFrom) {

	/** The sections of the first screen (Japan's "6 information" without labs), in screen order. */
	public static final List<String> FIRST_SCREEN = List.of("allergies", "contraindications", "infections", "problems", "medications");
	/** The sections below them with plain items. */
	public static final List<String> MORE = List.of("procedures", "encounters", "documents");

	public List<Item> section(String code) {
		return sections.getOrDefault(code, List.of());
	}

	/**
	 * One line of a section.
	 *
	 * @param title what it is (the allergen, the drug, the problem, ...)
	 * @param detail more (reaction, dosage, value, reason, place), or empty
	 * @param date {@code yyyy-MM-dd} (or shorter, as recorded), or empty
	 * @param facility name of the facility holding it
	 * @param alsoRecordedBy names of the other facilities that recorded the same item
	 * @param warning whether it is flagged (high criticality, positive infection)
	 */
	public record Item(String title, String detail, String date, String facility, List<String> alsoRecordedBy, boolean warning) {}

	/**
	 * The results of one lab test, oldest first.
	 *
	 * @param chart an inline SVG trend line of the numeric values, or empty when fewer than two
	 */
	public record LabSeries(String name, String unit, String referenceRange, String facility, List<LabValue> values, String chart) {
		public LabValue latest() {
			return values.get(values.size() - 1);
		}
	}

	/**
	 * @param value the value as shown ({@code 7.2})
	 * @param flag the interpretation code ({@code H}, {@code L}, {@code A}...), or empty
	 */
	public record LabValue(String date, String value, String flag) {}

	/**
	 * @param report the report's conclusion or text, or empty
	 * @param viewerUrl the image viewer endpoint ({@code ImagingStudy.endpoint}'s address), or empty
	 */
	public record ImagingItem(String title, String date, String facility, String report, String viewerUrl) {}
}
