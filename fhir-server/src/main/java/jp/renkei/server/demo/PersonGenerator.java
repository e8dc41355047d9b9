package jp.renkei.server.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import jp.renkei.server.demo.DemoCondition.Kind;
import jp.renkei.server.demo.JapaneseNames.NamePart;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;

/**
 * Draws the residents of the region. Person {@code n} depends only on {@code n} (its own seeded
 * random source), so a region of 60 people is the first 60 of a region of 5,000.
 */
final class PersonGenerator {

	private static final long SEED = 0x52454E4B4549L;

	private final DemoCalendar calendar;
	private final List<Facility> hospitals;
	private final List<Facility> clinics;

	PersonGenerator(DemoCalendar calendar, List<Facility> facilities) {
		this.calendar = calendar;
		this.hospitals = facilities.stream().filter(Facility::isHospital).toList();
		this.clinics = facilities.stream().filter(f -> !f.isHospital()).toList();
	}

	/** Person {@code index}, or the twin it was made into ({@link IdentityCases#TWINS}). */
	DemoPerson person(int index) {
		DemoPerson drawn = draw(index);
		Integer sibling = IdentityCases.TWINS.get(index);
		return sibling == null ? drawn : drawn.twinOf(draw(sibling));
	}

	private DemoPerson draw(int index) {
		Random random = new Random(SEED * 31 + index);
		AdministrativeGender gender = random.nextBoolean() ? AdministrativeGender.MALE : AdministrativeGender.FEMALE;
		// Every fifteenth person has a family name with a kanji outside the BMP.
		NamePart family = index % 15 == 4
				? JapaneseNames.FOUR_BYTE_FAMILY_NAMES.get((index / 15) % JapaneseNames.FOUR_BYTE_FAMILY_NAMES.size())
				: JapaneseNames.pick(JapaneseNames.FAMILY_NAMES, random);
		NamePart given = JapaneseNames.pick(gender == AdministrativeGender.FEMALE
				? JapaneseNames.FEMALE_GIVEN_NAMES : JapaneseNames.MALE_GIVEN_NAMES, random);
		int age = age(random);
		LocalDate birthDate = calendar.anchor().minusYears(age).minusDays(1 + random.nextInt(364));

		List<Facility> registrations = registrations(random);
		DemoCity city = registrations.get(0).city();
		String town = city.towns().get(random.nextInt(city.towns().size()));
		String line = "%s%d-%d-%d".formatted(town, 1 + random.nextInt(5), 1 + random.nextInt(30), 1 + random.nextInt(20));
		String postalCode = "%s-%04d".formatted(city.postalPrefix(), random.nextInt(1000));
		String homePhone = city.phoneAreaCode()
				+ String.valueOf(100_000_000L + random.nextInt(100_000_000)).substring(9 - (10 - city.phoneAreaCode().length()));
		String mobilePhone = random.nextInt(100) < 70
				? (random.nextBoolean() ? "090" : "080") + String.format("%08d", random.nextInt(100_000_000))
				: null;

		List<DemoCondition> chronic = chronicConditions(random, age);
		DemoCondition acute = random.nextInt(100) < 30 ? pick(random, Kind.ACUTE, age) : null;
		boolean atHospital = registrations.stream().anyMatch(Facility::isHospital);
		DemoCondition admission = atHospital && random.nextInt(100) < 65 ? pick(random, Kind.ADMISSION, age) : null;
		return new DemoPerson(index, family, given, gender, birthDate, age, city, line, postalCode, homePhone,
				mobilePhone, registrations, chronic, acute, admission, allergies(random), IdentityCases.insuranceMemberId(index));
	}

	/** Mostly older adults, as in any regional network, and a few children. */
	private static int age(Random random) {
		if (random.nextInt(100) < 8) {
			return 1 + random.nextInt(14);
		}
		return 20 + Math.max(random.nextInt(78), random.nextInt(78));
	}

	/** Primary facility first; about a third of the people are known to two or three facilities. */
	private List<Facility> registrations(Random random) {
		List<Facility> registrations = new ArrayList<>();
		if (random.nextInt(100) < 65) {
			Facility clinic = clinics.get(random.nextInt(clinics.size()));
			registrations.add(clinic);
			if (random.nextInt(100) < 40) {
				registrations.add(nearestHospital(clinic, random));
				if (random.nextInt(100) < 20) {
					registrations.add(other(clinics, registrations, random));
				}
			}
		} else {
			Facility hospital = hospitals.get(random.nextInt(hospitals.size()));
			registrations.add(hospital);
			if (random.nextInt(100) < 25) {
				registrations.add(other(clinics, registrations, random));
			}
			if (random.nextInt(100) < 10) {
				registrations.add(other(hospitals, registrations, random));
			}
		}
		return registrations;
	}

	/** Referrals go to the hospital of the same city when there is one. */
	private Facility nearestHospital(Facility clinic, Random random) {
		return hospitals.stream().filter(h -> h.city() == clinic.city()).findFirst()
				.orElse(hospitals.get(random.nextInt(hospitals.size())));
	}

	private static Facility other(List<Facility> candidates, List<Facility> taken, Random random) {
		List<Facility> free = candidates.stream().filter(f -> !taken.contains(f)).toList();
		return free.get(random.nextInt(free.size()));
	}

	private static List<DemoCondition> chronicConditions(Random random, int age) {
		int count = age < 15 ? random.nextInt(2) : age < 40 ? random.nextInt(2) : age < 65 ? 1 + random.nextInt(2) : 2 + random.nextInt(2);
		List<DemoCondition> conditions = new ArrayList<>();
		for (int attempt = 0; conditions.size() < count && attempt < 20; attempt++) {
			DemoCondition condition = pick(random, Kind.CHRONIC, age);
			if (condition != null && !conditions.contains(condition)) {
				conditions.add(condition);
			}
		}
		return conditions;
	}

	private static DemoCondition pick(Random random, Kind kind, int age) {
		List<DemoCondition> eligible = Arrays.stream(DemoCondition.values())
				.filter(c -> c.kind() == kind && c.minimumAge() <= age)
				.toList();
		return eligible.isEmpty() ? null : eligible.get(random.nextInt(eligible.size()));
	}

	private static List<DemoAllergen> allergies(Random random) {
		List<DemoAllergen> allergies = new ArrayList<>();
		int drug = random.nextInt(100);
		if (drug < 12) {
			allergies.add(DemoAllergen.PENICILLIN);
		} else if (drug < 18) {
			allergies.add(DemoAllergen.ASPIRIN);
		} else if (drug < 23) {
			allergies.add(DemoAllergen.POVIDONE_IODINE_GARGLE);
		}
		int food = random.nextInt(100);
		if (food < 6) {
			allergies.add(DemoAllergen.WHEAT);
		} else if (food < 11) {
			allergies.add(DemoAllergen.MACKEREL);
		} else if (food < 15) {
			allergies.add(DemoAllergen.KIWI);
		} else if (food < 19) {
			allergies.add(DemoAllergen.EGG);
		}
		if (random.nextInt(100) < 4) {
			allergies.add(DemoAllergen.LATEX);
		}
		return allergies;
	}
}
