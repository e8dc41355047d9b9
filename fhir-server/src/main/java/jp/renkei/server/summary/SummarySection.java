package jp.renkei.server.summary;

/**
 * The sections of the emergency summary, in the order of the document: first the "6 information"
 * (6情報) an ER physician needs at once, then the history. Each is coded in {@link #SYSTEM} and,
 * where LOINC has the IPS section, in LOINC too.
 */
public enum SummarySection {
	ALLERGIES("allergies", "48765-2", "アレルギー", "Allergies"),
	CONTRAINDICATIONS("contraindications", null, "薬剤禁忌", "Drug contraindications"),
	INFECTIONS("infections", null, "感染症", "Infections"),
	PROBLEMS("problems", "11450-4", "傷病名", "Active problems"),
	MEDICATIONS("medications", "10160-0", "処方", "Current medication"),
	LABS("labs", "30954-2", "検査", "Recent lab results"),
	PROCEDURES("procedures", "47519-4", "手術・処置", "Operations and procedures"),
	ENCOUNTERS("encounters", "46240-8", "受診歴", "Recent encounters"),
	IMAGING("imaging", "18748-4", "画像検査", "Imaging studies"),
	DOCUMENTS("documents", "55107-7", "文書", "Documents");

	/** The project's code system of summary sections. */
	public static final String SYSTEM = "http://renkei.example.jp/fhir/CodeSystem/summary-section";

	private final String code;
	private final String loinc;
	private final String japaneseTitle;
	private final String englishTitle;

	SummarySection(String code, String loinc, String japaneseTitle, String englishTitle) {
		this.code = code;
		this.loinc = loinc;
		this.japaneseTitle = japaneseTitle;
		this.englishTitle = englishTitle;
	}

	public String code() {
		return code;
	}

	/** The LOINC code of the matching IPS section, or null. */
	public String loinc() {
		return loinc;
	}

	public String japaneseTitle() {
		return japaneseTitle;
	}

	public String englishTitle() {
		return englishTitle;
	}
}
