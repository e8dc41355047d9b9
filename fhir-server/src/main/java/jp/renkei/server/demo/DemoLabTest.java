package jp.renkei.server.demo;

import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;

/**
 * Blood tests of the demo region with their 17-digit JLAC10 codes, the JP-CLINS "FHIR identifier
 * name" of the core lab set, units (UCUM code and the unit Japanese reports print) and reference
 * ranges close to the JCCLS shared reference intervals (男性/女性 where they differ).
 *
 * <p>Codes: 尿酸 is JP Core's own lab example; the others appear in JP-CLINS's core lab code system
 * (JP_CLINS_ObsLabResult_CoreLabo_CS, v1.5.0) or its value sets.
 */
enum DemoLabTest {
	WBC("2A990000001930952", "WBC", "白血球数", "10*3/uL", "10^3/μL", 3.3, 8.6, 3.3, 8.6, 1, Specimen.WHOLE_BLOOD),
	RBC("2A990000001930951", "RBC", "赤血球数", "10*6/uL", "10^6/μL", 4.35, 5.55, 3.86, 4.92, 2, Specimen.WHOLE_BLOOD),
	HB("2A990000001930953", "Hb", "ヘモグロビン", "g/dL", "g/dL", 13.7, 16.8, 11.6, 14.8, 1, Specimen.WHOLE_BLOOD),
	PLT("2A990000001930955", "PLT", "血小板数", "10*3/uL", "10^3/μL", 158, 348, 158, 348, 0, Specimen.WHOLE_BLOOD),
	AST("3B035000002327201", "AST", "AST(GOT)", "U/L", "U/L", 13, 30, 13, 30, 0, Specimen.SERUM),
	ALT("3B045000002327201", "ALT", "ALT(GPT)", "U/L", "U/L", 10, 42, 7, 23, 0, Specimen.SERUM),
	BUN("3C025000002327101", "BUN", "尿素窒素", "mg/dL", "mg/dL", 8, 20, 8, 20, 1, Specimen.SERUM),
	CRE("3C015000002327101", "Cre", "クレアチニン", "mg/dL", "mg/dL", 0.65, 1.07, 0.46, 0.79, 2, Specimen.SERUM),
	UA("3C020000002327101", "UA", "尿酸", "mg/dL", "mg/dL", 3.7, 7.8, 2.6, 5.5, 1, Specimen.SERUM),
	NA("3H010000002326101", "Na", "ナトリウム", "meq/L", "mEq/L", 138, 145, 138, 145, 0, Specimen.SERUM),
	K("3H015000002326101", "K", "カリウム", "meq/L", "mEq/L", 3.6, 4.8, 3.6, 4.8, 1, Specimen.SERUM),
	CRP("5C070000002306201", "CRP", "CRP", "mg/dL", "mg/dL", 0.0, 0.14, 0.0, 0.14, 2, Specimen.SERUM),
	TG("3F015000002327101", "TG", "中性脂肪", "mg/dL", "mg/dL", 40, 234, 30, 117, 0, Specimen.SERUM),
	HDL("3F070000002327101", "HDL-C", "HDL-コレステロール", "mg/dL", "mg/dL", 38, 90, 48, 103, 0, Specimen.SERUM),
	LDL("3F077000002327101", "LDL-C", "LDL-コレステロール", "mg/dL", "mg/dL", 65, 163, 73, 152, 0, Specimen.SERUM),
	GLUCOSE("3D010000001926201", "BS", "血糖", "mg/dL", "mg/dL", 73, 109, 73, 109, 0, Specimen.WHOLE_BLOOD),
	HBA1C("3D046000001921002", "HbA1c-NGSP", "HbA1c(NGSP)", "%", "%", 4.9, 6.0, 4.9, 6.0, 1, Specimen.WHOLE_BLOOD);

	private final String jlac10;
	private final String coreLaboName;
	private final String japaneseName;
	private final String ucum;
	private final String unit;
	private final double maleLow;
	private final double maleHigh;
	private final double femaleLow;
	private final double femaleHigh;
	private final int decimals;
	private final Specimen specimen;

	DemoLabTest(String jlac10, String coreLaboName, String japaneseName, String ucum, String unit,
			double maleLow, double maleHigh, double femaleLow, double femaleHigh, int decimals, Specimen specimen) {
		this.jlac10 = jlac10;
		this.coreLaboName = coreLaboName;
		this.japaneseName = japaneseName;
		this.ucum = ucum;
		this.unit = unit;
		this.maleLow = maleLow;
		this.maleHigh = maleHigh;
		this.femaleLow = femaleLow;
		this.femaleHigh = femaleHigh;
		this.decimals = decimals;
		this.specimen = specimen;
	}

	String jlac10() {
		return jlac10;
	}

	String coreLaboName() {
		return coreLaboName;
	}

	String japaneseName() {
		return japaneseName;
	}

	String ucum() {
		return ucum;
	}

	String unit() {
		return unit;
	}

	double low(AdministrativeGender gender) {
		return gender == AdministrativeGender.FEMALE ? femaleLow : maleLow;
	}

	double high(AdministrativeGender gender) {
		return gender == AdministrativeGender.FEMALE ? femaleHigh : maleHigh;
	}

	int decimals() {
		return decimals;
	}

	Specimen specimen() {
		return specimen;
	}

	/** The tube a test is run on (HL7 v2 table 0487). */
	enum Specimen {
		SERUM("SER", "Serum", "血清"),
		WHOLE_BLOOD("BLD", "Whole blood", "全血");

		private final String code;
		private final String display;
		private final String japaneseName;

		Specimen(String code, String display, String japaneseName) {
			this.code = code;
			this.display = display;
			this.japaneseName = japaneseName;
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
	}
}
