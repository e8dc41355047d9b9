package jp.renkei.server.demo;

import org.hl7.fhir.r4.model.AllergyIntolerance.AllergyIntoleranceCategory;
import org.hl7.fhir.r4.model.AllergyIntolerance.AllergyIntoleranceCriticality;
import org.hl7.fhir.r4.model.AllergyIntolerance.AllergyIntoleranceSeverity;

/**
 * Allergens of the demo region. Drug allergies are what an emergency physician must see first; food
 * and environmental allergies complete the picture.
 *
 * <p>JFAGY codes (J9F…, YCM…) are those of JP Core's AllergyIntolerance example and of JP-CLINS's
 * examples; where no JFAGY code was at hand the substance is coded in SNOMED CT and always named in
 * {@code code.text}.
 */
enum DemoAllergen {
	PENICILLIN(AllergyIntoleranceCategory.MEDICATION, Canonicals.SNOMED, "764146007", "Penicillin",
			"ペニシリン系抗菌薬", "じん麻疹・呼吸困難", AllergyIntoleranceCriticality.HIGH, AllergyIntoleranceSeverity.SEVERE),
	ASPIRIN(AllergyIntoleranceCategory.MEDICATION, Canonicals.SNOMED, "387458008", "Aspirin",
			"アスピリン", "喘息発作", AllergyIntoleranceCriticality.HIGH, AllergyIntoleranceSeverity.SEVERE),
	POVIDONE_IODINE_GARGLE(AllergyIntoleranceCategory.MEDICATION, Canonicals.MEDICATION_ALLERGEN, "YCM2260701F1271",
			"イソジンガーグル液７％", "ヨードうがい液", "発疹", AllergyIntoleranceCriticality.LOW, AllergyIntoleranceSeverity.MILD),
	WHEAT(AllergyIntoleranceCategory.FOOD, Canonicals.FOOD_ALLERGEN, "J9FA15000016", "小麦粉",
			"小麦", "じん麻疹", AllergyIntoleranceCriticality.HIGH, AllergyIntoleranceSeverity.MODERATE),
	MACKEREL(AllergyIntoleranceCategory.FOOD, Canonicals.FOOD_ALLERGEN, "J9FC11310000", "さば類",
			"さば", "じん麻疹", AllergyIntoleranceCriticality.LOW, AllergyIntoleranceSeverity.MILD),
	KIWI(AllergyIntoleranceCategory.FOOD, Canonicals.FOOD_ALLERGEN, "J9FA32540000", "キウイフルーツ",
			"キウイフルーツ", "口腔内のかゆみ", AllergyIntoleranceCriticality.LOW, AllergyIntoleranceSeverity.MILD),
	EGG(AllergyIntoleranceCategory.FOOD, Canonicals.SNOMED, "102263004", "Eggs (edible)",
			"鶏卵", "発疹", AllergyIntoleranceCriticality.LOW, AllergyIntoleranceSeverity.MILD),
	LATEX(AllergyIntoleranceCategory.ENVIRONMENT, Canonicals.SNOMED, "111088007", "Latex",
			"ラテックス（天然ゴム）", "接触皮膚炎", AllergyIntoleranceCriticality.LOW, AllergyIntoleranceSeverity.MODERATE);

	private final AllergyIntoleranceCategory category;
	private final String system;
	private final String code;
	private final String display;
	private final String text;
	private final String reaction;
	private final AllergyIntoleranceCriticality criticality;
	private final AllergyIntoleranceSeverity severity;

	DemoAllergen(AllergyIntoleranceCategory category, String system, String code, String display, String text,
			String reaction, AllergyIntoleranceCriticality criticality, AllergyIntoleranceSeverity severity) {
		this.category = category;
		this.system = system;
		this.code = code;
		this.display = display;
		this.text = text;
		this.reaction = reaction;
		this.criticality = criticality;
		this.severity = severity;
	}

	AllergyIntoleranceCategory category() {
		return category;
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

	String text() {
		return text;
	}

	String reaction() {
		return reaction;
	}

	AllergyIntoleranceCriticality criticality() {
		return criticality;
	}

	AllergyIntoleranceSeverity severity() {
		return severity;
	}
}
