package jp.renkei.server.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import jp.renkei.server.demo.DemoCondition.ValueRange;
import jp.renkei.server.demo.DemoLabTest.Specimen;
import jp.renkei.server.demo.Registration.Visit;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.SimpleQuantity;

/**
 * One blood draw: the specimens (serum, whole blood) and one JP_Observation_LabResult per test, with
 * values shifted into the abnormal range by the patient's diagnoses and flagged H/L/N against the
 * (sex-specific) reference range.
 */
final class LabResultGenerator {

	private final DemoCalendar calendar;

	LabResultGenerator(DemoCalendar calendar) {
		this.calendar = calendar;
	}

	/**
	 * Specimens first, then the observations that point at them.
	 *
	 * @param day the day of the draw, within the visit (an inpatient stay has several)
	 * @param conditions the diagnoses that shift values out of the reference range
	 */
	List<Resource> draw(Registration registration, Visit visit, LocalDate day, int drawNumber, Set<DemoLabTest> tests,
			List<DemoCondition> conditions) {
		Random random = registration.random();
		int collectedMinute = day.equals(visit.start()) ? visit.startMinute() + 10 : 6 * 60 + 30;
		String stem = registration.idStem() + "-" + drawNumber;
		List<Resource> resources = new ArrayList<>();
		Map<Specimen, Reference> specimens = new EnumMap<>(Specimen.class);
		for (Specimen type : Specimen.values()) {
			if (tests.stream().anyMatch(test -> test.specimen() == type)) {
				org.hl7.fhir.r4.model.Specimen specimen = specimen(registration, day, collectedMinute, stem, type);
				resources.add(specimen);
				specimens.put(type, new Reference("Specimen/" + specimen.getIdPart()).setDisplay(type.japaneseName()));
			}
		}
		for (DemoLabTest test : tests) {
			resources.add(observation(registration, visit, day, collectedMinute, stem, test,
					specimens.get(test.specimen()), value(test, registration.person().gender(), conditions, random)));
		}
		return resources;
	}

	private org.hl7.fhir.r4.model.Specimen specimen(Registration registration, LocalDate day, int collectedMinute,
			String stem, Specimen type) {
		org.hl7.fhir.r4.model.Specimen specimen = new org.hl7.fhir.r4.model.Specimen();
		specimen.setId("demo-spec-" + stem + "-" + type.code().toLowerCase());
		specimen.getMeta().addProfile(Canonicals.JP_SPECIMEN);
		specimen.setStatus(org.hl7.fhir.r4.model.Specimen.SpecimenStatus.AVAILABLE);
		specimen.setType(new CodeableConcept(new Coding(Canonicals.V2_0487_SPECIMEN_TYPE, type.code(), type.display()))
				.setText(type.japaneseName()));
		specimen.setSubject(registration.patientReference());
		specimen.setReceivedTimeElement(calendar.dateTime(day, collectedMinute + 20));
		specimen.getCollection().setCollected(calendar.dateTime(day, collectedMinute));
		return specimen;
	}

	private Observation observation(Registration registration, Visit visit, LocalDate day, int collectedMinute, String stem,
			DemoLabTest test, Reference specimen, BigDecimal value) {
		Facility facility = registration.facility();
		Observation observation = new Observation();
		observation.setId("demo-obs-" + stem + "-" + test.name().toLowerCase());
		observation.getMeta().addProfile(Canonicals.JP_OBSERVATION_LAB_RESULT);
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.addCategory(new CodeableConcept(
				new Coding(Canonicals.SIMPLE_OBSERVATION_CATEGORY, "laboratory", "Laboratory")));
		observation.setCode(new CodeableConcept()
				.addCoding(new Coding(Canonicals.JLAC10, test.jlac10(), test.japaneseName()))
				.addCoding(new Coding(Canonicals.CLINS_CORE_LABO, test.jlac10(), test.coreLaboName()))
				.setText(test.japaneseName()));
		observation.setSubject(registration.patientReference());
		observation.setEncounter(visit.reference());
		observation.setEffective(calendar.dateTime(day, collectedMinute));
		observation.setIssuedElement(calendar.instant(day, collectedMinute + 95));
		observation.addPerformer(facility.reference());
		observation.setValue(quantity(value, test));
		double low = test.low(registration.person().gender());
		double high = test.high(registration.person().gender());
		observation.addInterpretation(interpretation(value.doubleValue(), low, high));
		Observation.ObservationReferenceRangeComponent range = observation.addReferenceRange()
				.setLow(simpleQuantity(BigDecimal.valueOf(low), test))
				.setHigh(simpleQuantity(BigDecimal.valueOf(high), test));
		range.setType(new CodeableConcept(new Coding(Canonicals.REFERENCE_RANGE_MEANING, "normal", "Normal Range")));
		observation.setSpecimen(specimen);
		return observation;
	}

	/**
	 * The admission's infection screening (入院時感染症検査): one serum specimen and a qualitative result
	 * per {@link DemoInfectionTest}, negative unless the person carries that infection. Uses no random
	 * numbers, so the rest of the record stays as it was.
	 */
	List<Resource> infectionScreening(Registration registration, Visit admission) {
		String stem = registration.idStem() + "-inf";
		int collectedMinute = admission.startMinute() + 10;
		org.hl7.fhir.r4.model.Specimen serum = specimen(registration, admission.start(), collectedMinute, stem, Specimen.SERUM);
		Reference specimen = new Reference("Specimen/" + serum.getIdPart()).setDisplay(Specimen.SERUM.japaneseName());
		List<Resource> resources = new ArrayList<>();
		resources.add(serum);
		for (DemoInfectionTest test : DemoInfectionTest.values()) {
			boolean positive = test.positiveFor(registration.person());
			Observation observation = new Observation();
			observation.setId("demo-obs-" + stem + "-" + test.name().toLowerCase().replace('_', '-'));
			observation.getMeta().addProfile(Canonicals.JP_OBSERVATION_LAB_RESULT);
			observation.setStatus(Observation.ObservationStatus.FINAL);
			observation.addCategory(new CodeableConcept(
					new Coding(Canonicals.SIMPLE_OBSERVATION_CATEGORY, "laboratory", "Laboratory")));
			observation.setCode(new CodeableConcept()
					.addCoding(new Coding(Canonicals.JLAC10, test.jlac10(), test.japaneseName()))
					.addCoding(new Coding(DemoInfectionTest.INFECTION_LABO, test.jlac10(), test.clinsName()))
					.setText(test.japaneseName()));
			observation.setSubject(registration.patientReference());
			observation.setEncounter(admission.reference());
			observation.setEffective(calendar.dateTime(admission.start(), collectedMinute));
			observation.setIssuedElement(calendar.instant(admission.start(), collectedMinute + 120));
			observation.addPerformer(registration.facility().reference());
			observation.setValue(new CodeableConcept().setText(positive ? "陽性" : "陰性"));
			observation.addInterpretation(new CodeableConcept(new Coding(Canonicals.V3_INTERPRETATION,
					positive ? "POS" : "NEG", positive ? "Positive" : "Negative")).setText(positive ? "陽性" : "陰性"));
			observation.addReferenceRange().setText("陰性");
			observation.setSpecimen(specimen);
			resources.add(observation);
		}
		return resources;
	}

	/**
	 * A value inside the range a diagnosis implies, else mostly within the reference range with an
	 * occasional borderline result, as real panels have.
	 */
	private static BigDecimal value(DemoLabTest test, AdministrativeGender gender, List<DemoCondition> conditions,
			Random random) {
		ValueRange shifted = conditions.stream().map(c -> c.abnormalRange(test)).filter(Objects::nonNull)
				.findFirst().orElse(null);
		double value;
		if (shifted != null) {
			value = shifted.low() + random.nextDouble() * (shifted.high() - shifted.low());
		} else {
			double low = test.low(gender);
			double high = test.high(gender);
			int draw = random.nextInt(100);
			if (draw < 6 && low > 0) {
				value = low * (0.85 + random.nextDouble() * 0.13);
			} else if (draw < 12) {
				value = high * (1.02 + random.nextDouble() * 0.15);
			} else {
				value = low + (high - low) * (0.1 + random.nextDouble() * 0.8);
			}
		}
		return BigDecimal.valueOf(value).setScale(test.decimals(), RoundingMode.HALF_UP);
	}

	private static CodeableConcept interpretation(double value, double low, double high) {
		String code = value > high ? "H" : value < low ? "L" : "N";
		String display = switch (code) {
			case "H" -> "High";
			case "L" -> "Low";
			default -> "Normal";
		};
		return new CodeableConcept(new Coding(Canonicals.V3_INTERPRETATION, code, display)).setText(code);
	}

	private static Quantity quantity(BigDecimal value, DemoLabTest test) {
		return new Quantity().setValue(value).setUnit(test.unit()).setSystem(Canonicals.UCUM).setCode(test.ucum());
	}

	private static SimpleQuantity simpleQuantity(BigDecimal value, DemoLabTest test) {
		SimpleQuantity quantity = new SimpleQuantity();
		quantity.setValue(value).setUnit(test.unit()).setSystem(Canonicals.UCUM).setCode(test.ucum());
		return quantity;
	}
}
