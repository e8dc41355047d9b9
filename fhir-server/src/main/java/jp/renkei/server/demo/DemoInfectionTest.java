package jp.renkei.server.demo;

/**
 * The infection screening a Japanese hospital runs on admission (入院時感染症検査), as JP-CLINS's
 * designated infection items: coded in JLAC10 and in JP-CLINS's InfectionLabo code system, which is
 * what tells an infection result from other lab results. The first five digits are the JLAC10
 * analyte codes; the rest of each 17-digit code is illustrative, like the rest of the demo.
 */
enum DemoInfectionTest {
	HBS_ANTIGEN("5F016141002305201", "HBs抗原", "HBsAg"),
	HCV_ANTIBODY("5F360149002305201", "HCV抗体", "HCVAb"),
	SYPHILIS_TP("5E071149002305201", "梅毒TP抗体", "TPAb");

	/** JP-CLINS's code system of the designated infection items (JLAC10 edition). */
	static final String INFECTION_LABO = "http://jpfhir.jp/fhir/clins/CodeSystem/JLAC10/JP_CLINS_ObsLabResult_InfectionLabo_CS";

	private final String jlac10;
	private final String japaneseName;
	private final String clinsName;

	DemoInfectionTest(String jlac10, String japaneseName, String clinsName) {
		this.jlac10 = jlac10;
		this.japaneseName = japaneseName;
		this.clinsName = clinsName;
	}

	String jlac10() {
		return jlac10;
	}

	String japaneseName() {
		return japaneseName;
	}

	/** The item's name in JP-CLINS (FHIR識別名). */
	String clinsName() {
		return clinsName;
	}

	/** Whether the person carries the infection: a few persons of the region, fixed by their number. */
	boolean positiveFor(DemoPerson person) {
		return switch (this) {
			case HBS_ANTIGEN -> person.index() % 13 == 4;
			case HCV_ANTIBODY -> person.index() % 19 == 7;
			case SYPHILIS_TP -> person.index() % 29 == 11;
		};
	}
}
