package jp.renkei.server.demo;

/**
 * Oral drugs the demo facilities prescribe, with the code JP Core's MedicationRequest examples use
 * (HOT9) or a YJ code, and one usual dosage each.
 *
 * <p>Sources of the codes: ムコダイン and パンスポリン are JP Core 1.2.0's own examples; ノルバスク,
 * ロキソニン, ムコスタ and マグミット are HOT9 codes another published demo checked against JP
 * Terminology 2.2609.0; the YJ codes of クレストール and メトグルコ appear in PMDA package-insert
 * URLs. None was checked against the MEDIS master here (it is not available offline), which is
 * acceptable for fictional records but not for real prescriptions.
 */
enum DemoDrug {
	NORVASC(Canonicals.HOT9, "103299401", "ノルバスク錠５ｍｇ", 1, DemoUsage.ONCE_AFTER_BREAKFAST, 28),
	CRESTOR(Canonicals.YJ_CODE, "2189017F1022", "クレストール錠２．５ｍｇ", 1, DemoUsage.ONCE_AFTER_BREAKFAST, 28),
	METGLUCO(Canonicals.YJ_CODE, "3962002F2027", "メトグルコ錠５００ｍｇ", 1, DemoUsage.TWICE_AFTER_MEALS, 28),
	MAGMITT(Canonicals.HOT9, "114778001", "マグミット錠３３０ｍｇ", 1, DemoUsage.TWICE_AFTER_MEALS, 28),
	LOXONIN(Canonicals.HOT9, "100988001", "ロキソニン錠６０ｍｇ", 1, DemoUsage.THREE_TIMES_AFTER_MEALS, 14),
	MUCOSTA(Canonicals.HOT9, "104528401", "ムコスタ錠１００ｍｇ", 1, DemoUsage.THREE_TIMES_AFTER_MEALS, 14),
	MUCODYNE(Canonicals.HOT9, "103835401", "ムコダイン錠２５０ｍｇ", 1, DemoUsage.THREE_TIMES_AFTER_MEALS, 5),
	PANSPORIN(Canonicals.HOT9, "110926901", "パンスポリンＴ錠１００　１００ｍｇ", 2, DemoUsage.THREE_TIMES_AFTER_MEALS, 7);

	private final String system;
	private final String code;
	private final String display;
	private final int tabletsPerDose;
	private final DemoUsage usage;
	private final int days;

	DemoDrug(String system, String code, String display, int tabletsPerDose, DemoUsage usage, int days) {
		this.system = system;
		this.code = code;
		this.display = display;
		this.tabletsPerDose = tabletsPerDose;
		this.usage = usage;
		this.days = days;
	}

	String system() {
		return system;
	}

	String code() {
		return code;
	}

	String display() {
		return display;
	}

	int tabletsPerDose() {
		return tabletsPerDose;
	}

	DemoUsage usage() {
		return usage;
	}

	int days() {
		return days;
	}

	/**
	 * JAMI usage codes (用法コード) for the oral schedules used here, with the display JAMI gives and
	 * the free text written on the prescription.
	 */
	enum DemoUsage {
		ONCE_AFTER_BREAKFAST("1011000400000000", "内服 １日１回 朝食後", "内服・経口・１日１回朝食後", 1),
		TWICE_AFTER_MEALS("1012040400000000", "内服 １日２回 朝夕食後", "内服・経口・１日２回朝夕食後", 2),
		THREE_TIMES_AFTER_MEALS("1013044400000000", "内服 １日３回 朝昼夕食後", "内服・経口・１日３回朝昼夕食後", 3);

		private final String code;
		private final String display;
		private final String text;
		private final int timesPerDay;

		DemoUsage(String code, String display, String text, int timesPerDay) {
			this.code = code;
			this.display = display;
			this.text = text;
			this.timesPerDay = timesPerDay;
		}

		String code() {
			return code;
		}

		String display() {
			return display;
		}

		String text() {
			return text;
		}

		int timesPerDay() {
			return timesPerDay;
		}
	}
}
