package jp.renkei.server.demo;

/**
 * Procedures recorded in the demo region. 創傷処置 carries the JP Core medical procedure code of JP
 * Core's own Procedure example; the operations carry a SNOMED CT code where one is well known, else
 * only their Japanese name.
 */
enum DemoProcedure {
	WOUND_CARE(Canonicals.PROCEDURE_CODES_MEDICAL, "140000610", null, "創傷処置（１００ｃｍ２未満）", true),
	APPENDECTOMY(Canonicals.SNOMED, "80146002", "Appendectomy", "腹腔鏡下虫垂切除術", true),
	HEMIARTHROPLASTY(null, null, null, "人工骨頭挿入術（股）", true),
	PCI(Canonicals.SNOMED, "415070008", "Percutaneous coronary intervention", "経皮的冠動脈ステント留置術", false);

	private final String system;
	private final String code;
	private final String display;
	private final String japaneseName;
	private final boolean surgical;

	DemoProcedure(String system, String code, String display, String japaneseName, boolean surgical) {
		this.system = system;
		this.code = code;
		this.display = display;
		this.japaneseName = japaneseName;
		this.surgical = surgical;
	}

	/** Code system of the procedure code, or null when the procedure is named in text only. */
	String system() {
		return system;
	}

	String code() {
		return code;
	}

	String display() {
		return display;
	}

	String japaneseName() {
		return japaneseName;
	}

	/** Whether JP Core's category 外科的処置 applies. */
	boolean surgical() {
		return surgical;
	}
}
