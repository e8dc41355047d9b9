package jp.renkei.server.demo;

import java.util.List;
import java.util.Map;

/**
 * Diagnoses of the demo region: the レセプト電算処理用傷病名マスター code (JP Core's {@code masterB-disease}
 * code system, which the local terminology package holds in full, so names and codes are checked by
 * validation), the ICD-10 (2013) code, and what a diagnosis brings with it in the records: drugs,
 * lab findings, imaging and procedures.
 */
enum DemoCondition {
	HYPERTENSION("本態性高血圧症", "8840107", "I10", Kind.CHRONIC, 35, Department.INTERNAL,
			List.of(DemoDrug.NORVASC), Map.of(), null, null),
	TYPE2_DIABETES("２型糖尿病", "2500015", "E11.9", Kind.CHRONIC, 35, Department.INTERNAL,
			List.of(DemoDrug.METGLUCO),
			Map.of(DemoLabTest.HBA1C, new ValueRange(6.6, 9.2), DemoLabTest.GLUCOSE, new ValueRange(128, 235)), null, null),
	DYSLIPIDEMIA("脂質異常症", "8844446", "E78.5", Kind.CHRONIC, 30, Department.INTERNAL,
			List.of(DemoDrug.CRESTOR),
			Map.of(DemoLabTest.LDL, new ValueRange(165, 215), DemoLabTest.TG, new ValueRange(150, 320)), null, null),
	HYPERURICEMIA("高尿酸血症", "7906015", "E79.0", Kind.CHRONIC, 30, Department.INTERNAL,
			List.of(), Map.of(DemoLabTest.UA, new ValueRange(7.9, 9.6)), null, null),
	CHRONIC_KIDNEY_DISEASE("慢性腎臓病", "8844106", "N18.9", Kind.CHRONIC, 50, Department.INTERNAL,
			List.of(), Map.of(DemoLabTest.CRE, new ValueRange(1.3, 2.6), DemoLabTest.BUN, new ValueRange(22, 41)), null, null),
	ATRIAL_FIBRILLATION("心房細動", "4273006", "I48.9", Kind.CHRONIC, 60, Department.CARDIOLOGY,
			List.of(), Map.of(), null, null),
	CHRONIC_HEART_FAILURE("慢性心不全", "4289018", "I50.9", Kind.CHRONIC, 65, Department.CARDIOLOGY,
			List.of(), Map.of(), null, null),
	ASTHMA("気管支喘息", "4939008", "J45.9", Kind.CHRONIC, 3, Department.INTERNAL,
			List.of(), Map.of(), null, null),
	KNEE_OSTEOARTHRITIS("変形性膝関節症", "7153018", "M17.9", Kind.CHRONIC, 55, Department.ORTHOPEDICS,
			List.of(DemoDrug.LOXONIN, DemoDrug.MUCOSTA), Map.of(), null, null),
	LUMBAGO("腰痛症", "8840829", "M54.5", Kind.CHRONIC, 20, Department.ORTHOPEDICS,
			List.of(DemoDrug.LOXONIN, DemoDrug.MUCOSTA), Map.of(), null, null),
	OSTEOPOROSIS("骨粗鬆症", "7330006", "M81.9", Kind.CHRONIC, 60, Department.ORTHOPEDICS,
			List.of(), Map.of(), null, null),
	CONSTIPATION("便秘症", "8840042", "K59.0", Kind.CHRONIC, 50, Department.INTERNAL,
			List.of(DemoDrug.MAGMITT), Map.of(), null, null),
	REFLUX_ESOPHAGITIS("逆流性食道炎", "5301002", "K21.0", Kind.CHRONIC, 30, Department.INTERNAL,
			List.of(), Map.of(), null, null),
	ALLERGIC_RHINITIS("アレルギー性鼻炎", "4779004", "J30.4", Kind.CHRONIC, 5, Department.INTERNAL,
			List.of(), Map.of(), null, null),
	ATOPIC_DERMATITIS("アトピー性皮膚炎", "6918002", "L20.9", Kind.CHRONIC, 0, Department.INTERNAL,
			List.of(), Map.of(), null, null),
	INSOMNIA("不眠症", "8839792", "G47.0", Kind.CHRONIC, 20, Department.INTERNAL,
			List.of(), Map.of(), null, null),
	ACUTE_UPPER_RESPIRATORY_INFECTION("急性上気道炎", "4659007", "J06.9", Kind.ACUTE, 0, Department.INTERNAL,
			List.of(DemoDrug.MUCODYNE), Map.of(), null, null),
	ACUTE_GASTROENTERITIS("急性胃腸炎", "0091009", "A09", Kind.ACUTE, 0, Department.INTERNAL,
			List.of(), Map.of(), null, null),
	PNEUMONIA("肺炎", "4860030", "J18.9", Kind.ADMISSION, 0, Department.INTERNAL,
			List.of(DemoDrug.PANSPORIN),
			Map.of(DemoLabTest.CRP, new ValueRange(3.5, 16.0), DemoLabTest.WBC, new ValueRange(10.2, 17.5)),
			DemoImaging.CHEST_RADIOGRAPH, null),
	ASPIRATION_PNEUMONIA("誤嚥性肺炎", "5070003", "J69.0", Kind.ADMISSION, 70, Department.INTERNAL,
			List.of(DemoDrug.PANSPORIN),
			Map.of(DemoLabTest.CRP, new ValueRange(4.0, 18.0), DemoLabTest.WBC, new ValueRange(10.5, 18.5)),
			DemoImaging.CHEST_CT, null),
	FEMORAL_NECK_FRACTURE("大腿骨頚部骨折", "8208009", "S72.00", Kind.ADMISSION, 65, Department.ORTHOPEDICS,
			List.of(DemoDrug.LOXONIN), Map.of(), DemoImaging.HIP_RADIOGRAPH, DemoProcedure.HEMIARTHROPLASTY),
	CEREBRAL_INFARCTION("脳梗塞", "8838708", "I63.9", Kind.ADMISSION, 55, Department.NEUROLOGY,
			List.of(), Map.of(), DemoImaging.HEAD_MR, null),
	ACUTE_MYOCARDIAL_INFARCTION("急性心筋梗塞", "8832376", "I21.9", Kind.ADMISSION, 45, Department.CARDIOLOGY,
			List.of(), Map.of(DemoLabTest.AST, new ValueRange(45, 180)), null, DemoProcedure.PCI),
	GASTRIC_CANCER("胃癌", "1519006", "C16.9", Kind.ADMISSION, 50, Department.SURGERY,
			List.of(), Map.of(DemoLabTest.HB, new ValueRange(8.8, 11.2)), DemoImaging.ABDOMEN_CT, null),
	ACUTE_APPENDICITIS("急性虫垂炎", "5409005", "K35.8", Kind.ADMISSION, 8, Department.SURGERY,
			List.of(), Map.of(DemoLabTest.CRP, new ValueRange(1.5, 8.0), DemoLabTest.WBC, new ValueRange(11.0, 16.0)),
			DemoImaging.ABDOMEN_CT, DemoProcedure.APPENDECTOMY);

	private final String display;
	private final String receiptCode;
	private final String icd10;
	private final Kind kind;
	private final int minimumAge;
	private final Department department;
	private final List<DemoDrug> drugs;
	private final Map<DemoLabTest, ValueRange> abnormalLabs;
	private final DemoImaging imaging;
	private final DemoProcedure procedure;

	DemoCondition(String display, String receiptCode, String icd10, Kind kind, int minimumAge, Department department,
			List<DemoDrug> drugs, Map<DemoLabTest, ValueRange> abnormalLabs, DemoImaging imaging, DemoProcedure procedure) {
		this.display = display;
		this.receiptCode = receiptCode;
		this.icd10 = icd10;
		this.kind = kind;
		this.minimumAge = minimumAge;
		this.department = department;
		this.drugs = drugs;
		this.abnormalLabs = abnormalLabs;
		this.imaging = imaging;
		this.procedure = procedure;
	}

	String display() {
		return display;
	}

	String receiptCode() {
		return receiptCode;
	}

	String icd10() {
		return icd10;
	}

	Kind kind() {
		return kind;
	}

	int minimumAge() {
		return minimumAge;
	}

	Department department() {
		return department;
	}

	List<DemoDrug> drugs() {
		return drugs;
	}

	/** The range a lab value falls in for a patient with this diagnosis, or null when unaffected. */
	ValueRange abnormalRange(DemoLabTest test) {
		return abnormalLabs.get(test);
	}

	/** Lab values a diagnosis typically produces, in the test's unit. */
	record ValueRange(double low, double high) {}

	DemoImaging imaging() {
		return imaging;
	}

	DemoProcedure procedure() {
		return procedure;
	}

	/** How a diagnosis shows up in the records. */
	enum Kind {
		/** Followed at monthly visits, with repeat prescriptions. */
		CHRONIC,
		/** One outpatient visit, one short prescription, resolved. */
		ACUTE,
		/** The reason for a hospital admission. */
		ADMISSION
	}

	/** Clinical departments (診療科) the demo practitioners belong to. */
	enum Department {
		INTERNAL("内科"),
		CARDIOLOGY("循環器内科"),
		NEUROLOGY("脳神経内科"),
		SURGERY("外科"),
		ORTHOPEDICS("整形外科"),
		RADIOLOGY("放射線科");

		private final String japaneseName;

		Department(String japaneseName) {
			this.japaneseName = japaneseName;
		}

		String japaneseName() {
			return japaneseName;
		}
	}
}
