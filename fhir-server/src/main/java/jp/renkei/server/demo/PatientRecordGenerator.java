package jp.renkei.server.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import jp.renkei.server.demo.DemoCondition.Department;
import jp.renkei.server.demo.DemoCondition.Kind;
import jp.renkei.server.demo.Facility.Bed;
import jp.renkei.server.demo.Facility.Physician;
import jp.renkei.server.demo.JapaneseNames.NamePart;
import jp.renkei.server.demo.Registration.Visit;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Everything the region's facilities hold about one person: per registration a Patient, its visits
 * and stays, diagnoses, allergies, lab results, prescriptions, imaging, procedures and letters.
 *
 * <p>The story behind the records: chronic conditions are followed monthly at the primary facility,
 * which prescribes; other facilities record them as comorbidities. An admission happens at the
 * person's first hospital, announced by a referral letter from the primary clinic or followed by a
 * letter back to the clinic, and ends (unless still in progress, in an occupied bed) with a
 * discharge summary. Allergies are always known to the primary facility, only sometimes to the
 * others, which is the gap regional sharing closes.
 */
final class PatientRecordGenerator {

	private static final long SEED = 0x44454D4F52L;
	private static final Set<DemoLabTest> BASIC_PANEL = EnumSet.of(DemoLabTest.WBC, DemoLabTest.RBC, DemoLabTest.HB,
			DemoLabTest.PLT, DemoLabTest.AST, DemoLabTest.ALT, DemoLabTest.BUN, DemoLabTest.CRE, DemoLabTest.NA,
			DemoLabTest.K, DemoLabTest.UA);
	private static final Set<DemoLabTest> DISCHARGE_PANEL = EnumSet.of(DemoLabTest.WBC, DemoLabTest.HB, DemoLabTest.PLT,
			DemoLabTest.CRE, DemoLabTest.K, DemoLabTest.CRP);
	private static final Set<DemoCondition> LAB_MONITORED = EnumSet.of(DemoCondition.TYPE2_DIABETES,
			DemoCondition.DYSLIPIDEMIA, DemoCondition.HYPERURICEMIA, DemoCondition.CHRONIC_KIDNEY_DISEASE);

	private final DemoCalendar calendar;
	private final BedBoard beds;
	private final LabResultGenerator labs;
	private final PrescriptionGenerator prescriptions;
	private final ImagingStudyGenerator imaging;
	private final ClinicalDocumentGenerator documents;

	PatientRecordGenerator(DemoCalendar calendar, BedBoard beds) {
		this.calendar = calendar;
		this.beds = beds;
		this.labs = new LabResultGenerator(calendar);
		this.prescriptions = new PrescriptionGenerator(calendar);
		this.imaging = new ImagingStudyGenerator(calendar);
		this.documents = new ClinicalDocumentGenerator(calendar);
	}

	/** All records of one person, registration by registration, each in dependency order. */
	List<Resource> recordsOf(DemoPerson person) {
		Facility admittingHospital = person.registrations().stream().filter(Facility::isHospital).findFirst().orElse(null);
		List<RecordPlan> plans = new ArrayList<>();
		for (int i = 0; i < person.registrations().size(); i++) {
			Facility facility = person.registrations().get(i);
			Random random = new Random(SEED * 7919 + person.index() * 131L + facility.key().hashCode());
			plans.add(plan(new Registration(person, facility, i, random), facility == admittingHospital));
		}
		List<Resource> resources = new ArrayList<>();
		for (RecordPlan plan : plans) {
			resources.addAll(write(plan, plans));
		}
		return resources;
	}

	/** Why a visit happened; decides what is recorded at it. */
	private enum Purpose {
		CHRONIC_CARE,
		ACUTE_ILLNESS,
		ADMISSION,
		OTHER
	}

	private record PlannedVisit(Purpose purpose, Visit visit) {}

	private record RecordPlan(Registration registration, List<PlannedVisit> visits) {

		List<Visit> visits(Purpose purpose) {
			return visits.stream().filter(v -> v.purpose() == purpose).map(PlannedVisit::visit).toList();
		}

		Optional<Visit> admission() {
			return visits(Purpose.ADMISSION).stream().findFirst();
		}

		Visit first() {
			return visits.get(0).visit();
		}

		Visit last() {
			return visits.get(visits.size() - 1).visit();
		}
	}

	private record Draft(Purpose purpose, int daysBefore, int minute, Integer endDaysBefore, Physician physician,
			Bed bed, boolean inProgress) {}

	private RecordPlan plan(Registration registration, boolean admitting) {
		Random random = registration.random();
		DemoPerson person = registration.person();
		Facility facility = registration.facility();
		Physician usual = facility.physicianFor(person.chronicConditions().isEmpty()
				? Department.INTERNAL : person.chronicConditions().get(0).department());
		List<Draft> drafts = new ArrayList<>();
		if (registration.isPrimary() && !person.chronicConditions().isEmpty()) {
			int count = 2 + random.nextInt(3);
			int latest = 7 + random.nextInt(21);
			for (int k = 0; k < count; k++) {
				drafts.add(new Draft(Purpose.CHRONIC_CARE, latest + 28 * k + random.nextInt(4), minute(random), null, usual, null, false));
			}
		} else if (!admitting || person.admissionCondition() == null) {
			int count = 1 + random.nextInt(2);
			int latest = 15 + random.nextInt(200);
			for (int k = 0; k < count; k++) {
				drafts.add(new Draft(Purpose.OTHER, latest + 35 * k, minute(random), null, usual, null, false));
			}
		}
		if (registration.isPrimary() && person.acuteCondition() != null) {
			drafts.add(new Draft(Purpose.ACUTE_ILLNESS, 30 + random.nextInt(330), minute(random), null,
					facility.physicianFor(Department.INTERNAL), null, false));
		}
		if (admitting && person.admissionCondition() != null) {
			DemoCondition reason = person.admissionCondition();
			Physician attending = facility.physicianFor(reason.department());
			Optional<Bed> current = random.nextInt(100) < 40 ? beds.takeOccupiedBed(facility) : Optional.empty();
			if (current.isPresent()) {
				drafts.add(new Draft(Purpose.ADMISSION, 1 + random.nextInt(12), minute(random), null, attending, current.get(), true));
			} else {
				int start = 40 + random.nextInt(260);
				int end = start - 5 - random.nextInt(17);
				drafts.add(new Draft(Purpose.ADMISSION, start, minute(random), end, attending,
						BedBoard.pastBed(facility, reason.department(), random), false));
				if (end > 15) {
					drafts.add(new Draft(Purpose.OTHER, end - 14, minute(random), null, attending, null, false));
				}
			}
		}
		drafts.sort(Comparator.comparingInt(Draft::daysBefore).reversed().thenComparingInt(Draft::minute));
		List<PlannedVisit> visits = new ArrayList<>();
		for (int i = 0; i < drafts.size(); i++) {
			Draft draft = drafts.get(i);
			Visit visit = new Visit(
					"demo-enc-%s-%d".formatted(registration.idStem(), i + 1),
					draft.purpose() == Purpose.ADMISSION ? Visit.Type.INPATIENT : Visit.Type.OUTPATIENT,
					calendar.day(draft.daysBefore()),
					draft.minute(),
					draft.endDaysBefore() == null ? null : calendar.day(draft.endDaysBefore()),
					draft.physician(),
					draft.bed(),
					draft.inProgress());
			visits.add(new PlannedVisit(draft.purpose(), visit));
		}
		return new RecordPlan(registration, visits);
	}

	/** Clinic hours, in five-minute steps. */
	private static int minute(Random random) {
		return 9 * 60 + 5 * random.nextInt(96);
	}

	private List<Resource> write(RecordPlan plan, List<RecordPlan> allPlans) {
		Registration registration = plan.registration();
		DemoPerson person = registration.person();
		Random random = registration.random();
		String stem = registration.idStem();
		List<Resource> resources = new ArrayList<>();
		resources.add(patient(registration));
		plan.visits().forEach(v -> resources.add(encounter(registration, v.visit(), person)));

		Map<DemoCondition, Reference> conditions = new LinkedHashMap<>();
		for (DemoCondition chronic : person.chronicConditions()) {
			Condition condition = condition(registration, stem, conditions.size() + 1, chronic, plan.first(), random);
			resources.add(condition);
			conditions.put(chronic, reference(condition, chronic.display()));
		}
		for (Visit visit : plan.visits(Purpose.ACUTE_ILLNESS)) {
			Condition condition = condition(registration, stem, conditions.size() + 1, person.acuteCondition(), visit, random);
			resources.add(condition);
			conditions.put(person.acuteCondition(), reference(condition, person.acuteCondition().display()));
		}
		Optional<Visit> admission = plan.admission();
		admission.ifPresent(visit -> {
			Condition condition = condition(registration, stem, conditions.size() + 1, person.admissionCondition(), visit, random);
			resources.add(condition);
			conditions.put(person.admissionCondition(), reference(condition, person.admissionCondition().display()));
		});

		int allergyNumber = 0;
		for (DemoAllergen allergen : person.allergies()) {
			if (registration.isPrimary() || random.nextBoolean()) {
				resources.add(allergy(registration, "demo-alg-%s-%d".formatted(stem, ++allergyNumber), allergen, plan.first()));
			}
		}

		resources.addAll(labResults(plan));
		resources.addAll(prescriptions(plan, conditions));

		admission.filter(visit -> person.admissionCondition().imaging() != null).ifPresent(visit -> {
			DemoImaging kind = person.admissionCondition().imaging();
			ImagingStudy study = imaging.study(registration, visit, kind, "demo-img-%s-1".formatted(stem));
			resources.add(study);
			resources.add(imaging.report(registration, visit, study, kind, person.admissionCondition(), "demo-rad-%s-1".formatted(stem)));
		});
		admission.filter(visit -> registration.facility().isHospital())
				.ifPresent(visit -> resources.addAll(labs.infectionScreening(registration, visit)));
		int procedureNumber = 0;
		if (admission.isPresent() && person.admissionCondition().procedure() != null) {
			Visit visit = admission.get();
			LocalDate day = visit.inProgress() && visit.start().plusDays(1).isAfter(calendar.anchor().minusDays(1))
					? visit.start() : visit.start().plusDays(1);
			resources.add(procedure(registration, "demo-proc-%s-%d".formatted(stem, ++procedureNumber),
					person.admissionCondition().procedure(), visit, day, conditions.get(person.admissionCondition())));
		}
		if (registration.isPrimary() && !registration.facility().isHospital() && random.nextInt(100) < 8) {
			Visit visit = plan.last();
			resources.add(procedure(registration, "demo-proc-%s-%d".formatted(stem, ++procedureNumber),
					DemoProcedure.WOUND_CARE, visit, visit.start(), null));
		}

		int documentNumber = 0;
		if (admission.isPresent() && !admission.get().inProgress()) {
			resources.add(documents.dischargeSummary(registration, admission.get(),
					"demo-doc-%s-%d".formatted(stem, ++documentNumber), person.admissionCondition(), drugsOf(person, true)));
		}
		if (registration.isPrimary() && allPlans.size() > 1) {
			RecordPlan other = allPlans.get(1);
			Facility to = other.registration().facility();
			if (registration.facility().isHospital() != to.isHospital()) {
				resources.add(referral(plan, other, "demo-doc-%s-%d".formatted(stem, ++documentNumber)));
			}
		}
		return resources;
	}

	/**
	 * Clinic to hospital: written a few days before the hospital's first record. Hospital to clinic:
	 * written at the hospital's last visit or discharge, handing follow-up back.
	 */
	private Resource referral(RecordPlan from, RecordPlan to, String id) {
		Registration registration = from.registration();
		DemoPerson person = registration.person();
		Random random = registration.random();
		LocalDate day;
		if (registration.facility().isHospital()) {
			Visit last = from.last();
			day = last.end() != null ? last.end() : last.start();
		} else {
			day = to.first().start().minusDays(1 + random.nextInt(5));
		}
		if (day.isAfter(calendar.anchor().minusDays(1))) {
			day = calendar.anchor().minusDays(1);
		}
		List<DemoCondition> conditions = new ArrayList<>(person.chronicConditions());
		if (person.admissionCondition() != null && to.admission().isPresent()) {
			conditions.add(0, person.admissionCondition());
		}
		return documents.referral(registration, to.registration().facility(), day, from.last().physician(), id,
				conditions, drugsOf(person, false));
	}

	private static List<DemoDrug> drugsOf(DemoPerson person, boolean includeAdmission) {
		Set<DemoDrug> drugs = new LinkedHashSet<>();
		person.chronicConditions().forEach(c -> drugs.addAll(c.drugs()));
		if (includeAdmission && person.admissionCondition() != null) {
			drugs.addAll(person.admissionCondition().drugs());
		}
		return List.copyOf(drugs);
	}

	/**
	 * A routine panel at the latest outpatient visit, and at the one before when a diagnosis makes
	 * the trend matter (HbA1c, LDL, creatinine); a full panel on admission and a short one before
	 * discharge.
	 */
	private List<Resource> labResults(RecordPlan plan) {
		Registration registration = plan.registration();
		DemoPerson person = registration.person();
		Random random = registration.random();
		List<Resource> resources = new ArrayList<>();
		int draw = 0;
		List<Visit> chronic = plan.visits(Purpose.CHRONIC_CARE);
		List<Visit> outpatient = chronic.isEmpty() ? plan.visits(Purpose.OTHER) : chronic;
		boolean trend = person.chronicConditions().stream().anyMatch(c -> LAB_MONITORED.contains(c));
		int routineDraws = Math.min(outpatient.size(), trend ? 2 : 1);
		Set<DemoLabTest> routine = routinePanel(person, random);
		for (Visit visit : outpatient.subList(outpatient.size() - routineDraws, outpatient.size())) {
			resources.addAll(labs.draw(registration, visit, visit.start(), ++draw, routine, person.chronicConditions()));
		}
		Optional<Visit> admission = plan.admission();
		if (admission.isPresent()) {
			Visit stay = admission.get();
			Set<DemoLabTest> tests = EnumSet.copyOf(BASIC_PANEL);
			tests.add(DemoLabTest.CRP);
			if (person.chronicConditions().contains(DemoCondition.TYPE2_DIABETES)) {
				tests.add(DemoLabTest.HBA1C);
			}
			List<DemoCondition> acute = new ArrayList<>(person.chronicConditions());
			acute.add(0, person.admissionCondition());
			resources.addAll(labs.draw(registration, stay, stay.start(), ++draw, tests, acute));
			if (stay.end() != null) {
				// The check before discharge: the acute findings have settled.
				resources.addAll(labs.draw(registration, stay, stay.end().minusDays(2), ++draw, DISCHARGE_PANEL,
						person.chronicConditions()));
			}
		}
		return resources;
	}

	private static Set<DemoLabTest> routinePanel(DemoPerson person, Random random) {
		Set<DemoLabTest> tests = EnumSet.copyOf(BASIC_PANEL);
		if (person.chronicConditions().contains(DemoCondition.TYPE2_DIABETES) || random.nextInt(100) < 25) {
			tests.add(DemoLabTest.GLUCOSE);
			tests.add(DemoLabTest.HBA1C);
		}
		if (person.chronicConditions().contains(DemoCondition.DYSLIPIDEMIA) || random.nextInt(100) < 25) {
			tests.add(DemoLabTest.TG);
			tests.add(DemoLabTest.HDL);
			tests.add(DemoLabTest.LDL);
		}
		return tests;
	}

	/**
	 * The primary facility repeats the chronic prescriptions (the earlier one completed, the latest
	 * active); acute illnesses and stays get their own short courses.
	 */
	private List<Resource> prescriptions(RecordPlan plan, Map<DemoCondition, Reference> conditions) {
		Registration registration = plan.registration();
		DemoPerson person = registration.person();
		String stem = registration.idStem();
		List<Resource> resources = new ArrayList<>();
		int number = 0;
		if (registration.isPrimary()) {
			List<Visit> chronic = plan.visits(Purpose.CHRONIC_CARE);
			List<Visit> recent = chronic.subList(Math.max(0, chronic.size() - 2), chronic.size());
			for (int v = 0; v < recent.size(); v++) {
				boolean latest = v == recent.size() - 1;
				int rp = 0;
				Set<DemoDrug> prescribed = new LinkedHashSet<>();
				for (DemoCondition condition : person.chronicConditions()) {
					for (DemoDrug drug : condition.drugs()) {
						if (prescribed.add(drug)) {
							resources.add(prescriptions.prescribe(registration, recent.get(v), drug,
									"demo-mreq-%s-%d".formatted(stem, ++number), ++rp, latest, conditions.get(condition)));
						}
					}
				}
			}
			for (Visit visit : plan.visits(Purpose.ACUTE_ILLNESS)) {
				int rp = 0;
				for (DemoDrug drug : person.acuteCondition().drugs()) {
					resources.add(prescriptions.prescribe(registration, visit, drug,
							"demo-mreq-%s-%d".formatted(stem, ++number), ++rp, false, conditions.get(person.acuteCondition())));
				}
			}
		}
		Optional<Visit> admission = plan.admission();
		if (admission.isPresent()) {
			int rp = 0;
			for (DemoDrug drug : person.admissionCondition().drugs()) {
				resources.add(prescriptions.prescribe(registration, admission.get(), drug,
						"demo-mreq-%s-%d".formatted(stem, ++number), ++rp, admission.get().inProgress(),
						conditions.get(person.admissionCondition())));
			}
		}
		return resources;
	}

	private Patient patient(Registration registration) {
		DemoPerson person = registration.person();
		Facility facility = registration.facility();
		Patient patient = new Patient();
		patient.setId(registration.patientId());
		patient.getMeta().addProfile(Canonicals.JP_PATIENT);
		IdentityCases.Quirk quirk = IdentityCases.quirkOf(registration);
		patient.addIdentifier().setSystem(facility.patientIdSystem()).setValue(registration.patientNumber());
		patient.addIdentifier().setSystem(IdentityCases.INSURANCE_SYSTEM).setValue(person.insuranceMemberId());
		patient.setActive(true);
		patient.addName(quirk == IdentityCases.Quirk.KANJI_VARIANT
				? JapaneseNames.kanji(new NamePart(person.family().kanji().replace("辺", "邊"), person.family().kana()), person.given())
				: JapaneseNames.kanji(person.family(), person.given()));
		patient.addName(switch (quirk) {
			case HALF_WIDTH_KANA -> JapaneseNames.kana(halfWidth(person.family()), halfWidth(person.given()));
			case HIRAGANA_KANA -> JapaneseNames.kana(hiragana(person.family()), hiragana(person.given()));
			default -> JapaneseNames.kana(person.family(), person.given());
		});
		if (quirk != IdentityCases.Quirk.NO_PHONE) {
			patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(person.homePhone())
					.setUse(ContactPoint.ContactPointUse.HOME);
		}
		if (person.mobilePhone() != null && quirk != IdentityCases.Quirk.NO_PHONE) {
			patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(person.mobilePhone())
					.setUse(ContactPoint.ContactPointUse.MOBILE);
		}
		patient.setGender(person.gender());
		patient.setBirthDateElement(calendar.date(person.birthDate()));
		patient.addAddress()
				.setUse(Address.AddressUse.HOME)
				.setType(Address.AddressType.BOTH)
				.setText(person.addressText())
				.addLine(person.addressLine())
				.setCity(person.city().cityName())
				.setState(DemoCity.PREFECTURE)
				.setPostalCode(person.postalCode())
				.setCountry("JP");
		patient.setManagingOrganization(facility.reference());
		return patient;
	}

	private static NamePart halfWidth(NamePart part) {
		return new NamePart(part.kanji(), IdentityCases.halfWidth(part.kana()));
	}

	private static NamePart hiragana(NamePart part) {
		return new NamePart(part.kanji(), IdentityCases.hiragana(part.kana()));
	}

	private Encounter encounter(Registration registration, Visit visit, DemoPerson person) {
		Encounter encounter = new Encounter();
		encounter.setId(visit.encounterId());
		encounter.getMeta().addProfile(Canonicals.JP_ENCOUNTER);
		boolean inpatient = visit.type() == Visit.Type.INPATIENT;
		encounter.setStatus(visit.inProgress() ? Encounter.EncounterStatus.INPROGRESS : Encounter.EncounterStatus.FINISHED);
		encounter.setClass_(inpatient
				? new Coding(Canonicals.V3_ACT_CODE, "IMP", "inpatient encounter")
				: new Coding(Canonicals.V3_ACT_CODE, "AMB", "ambulatory"));
		encounter.setSubject(registration.patientReference());
		encounter.addParticipant().setIndividual(visit.physician().reference());
		Period period = new Period().setStartElement(calendar.dateTime(visit.start(), visit.startMinute()));
		if (inpatient && visit.end() != null) {
			period.setEndElement(calendar.dateTime(visit.end(), 10 * 60));
		} else if (!inpatient) {
			period.setEndElement(calendar.dateTime(visit.start(), visit.startMinute() + 15));
		}
		encounter.setPeriod(period);
		if (inpatient) {
			encounter.addReasonCode().setText(person.admissionCondition().display());
			if (visit.end() != null) {
				encounter.getHospitalization().setDischargeDisposition(new CodeableConcept(
						new Coding(Canonicals.DISCHARGE_DISPOSITION, "home", "Home")).setText("自宅退院"));
			}
			encounter.addLocation()
					.setLocation(visit.bed().reference())
					.setStatus(visit.inProgress() ? Encounter.EncounterLocationStatus.ACTIVE : Encounter.EncounterLocationStatus.COMPLETED)
					.setPhysicalType(new CodeableConcept(new Coding(Canonicals.LOCATION_PHYSICAL_TYPE, "bd", "Bed")));
		}
		encounter.setServiceProvider(registration.facility().reference());
		return encounter;
	}

	private Condition condition(Registration registration, String stem, int number, DemoCondition diagnosis, Visit visit,
			Random random) {
		Condition condition = new Condition();
		condition.setId("demo-cond-%s-%d".formatted(stem, number));
		condition.getMeta().addProfile(Canonicals.JP_CONDITION);
		boolean chronic = diagnosis.kind() == Kind.CHRONIC;
		boolean resolved = diagnosis.kind() == Kind.ACUTE
				|| (diagnosis.kind() == Kind.ADMISSION && !visit.inProgress() && diagnosis != DemoCondition.GASTRIC_CANCER);
		condition.setClinicalStatus(new CodeableConcept(new Coding(Canonicals.CONDITION_CLINICAL,
				resolved ? "resolved" : "active", resolved ? "Resolved" : "Active")));
		condition.setVerificationStatus(new CodeableConcept(
				new Coding(Canonicals.CONDITION_VERIFICATION, "confirmed", "Confirmed")));
		condition.addCategory(new CodeableConcept(chronic
				? new Coding(Canonicals.CONDITION_CATEGORY, "problem-list-item", "Problem List Item")
				: new Coding(Canonicals.CONDITION_CATEGORY, "encounter-diagnosis", "Encounter Diagnosis")));
		condition.setCode(new CodeableConcept()
				.addCoding(new Coding(Canonicals.DISEASE_RECEIPT, diagnosis.receiptCode(), diagnosis.display()))
				.addCoding(new Coding(Canonicals.ICD10_2013, diagnosis.icd10(), null))
				.setText(diagnosis.display()));
		condition.setSubject(registration.patientReference());
		condition.setEncounter(visit.reference());
		if (chronic) {
			LocalDate onset = visit.start().minusYears(1 + random.nextInt(9)).minusDays(random.nextInt(300));
			condition.setOnset(calendar.dayOf(onset.isAfter(registration.person().birthDate())
					? onset : registration.person().birthDate().plusYears(1)));
		} else {
			condition.setOnset(calendar.dayOf(visit.start().minusDays(diagnosis.kind() == Kind.ACUTE ? 2 : 0)));
		}
		if (resolved) {
			condition.setAbatement(calendar.dayOf(visit.end() != null ? visit.end() : visit.start().plusDays(7)));
		}
		condition.setRecordedDateElement(calendar.dateTime(visit.start(), visit.startMinute() + 10));
		condition.setRecorder(visit.physician().reference());
		return condition;
	}

	private AllergyIntolerance allergy(Registration registration, String id, DemoAllergen allergen, Visit visit) {
		AllergyIntolerance allergy = new AllergyIntolerance();
		allergy.setId(id);
		allergy.getMeta().addProfile(Canonicals.JP_ALLERGY_INTOLERANCE);
		allergy.setClinicalStatus(new CodeableConcept(new Coding(Canonicals.ALLERGY_CLINICAL, "active", "Active")));
		allergy.setVerificationStatus(new CodeableConcept(
				new Coding(Canonicals.ALLERGY_VERIFICATION, "confirmed", "Confirmed")));
		allergy.setType(AllergyIntolerance.AllergyIntoleranceType.ALLERGY);
		allergy.addCategory(allergen.category());
		allergy.setCriticality(allergen.criticality());
		allergy.setCode(new CodeableConcept(new Coding(allergen.system(), allergen.code(), allergen.display()))
				.setText(allergen.text()));
		allergy.setPatient(registration.patientReference());
		allergy.setRecordedDateElement(calendar.dateTime(visit.start(), visit.startMinute() + 5));
		allergy.setRecorder(visit.physician().reference());
		allergy.addReaction()
				.setSeverity(allergen.severity())
				.addManifestation(new CodeableConcept().setText(allergen.reaction()));
		return allergy;
	}

	private Procedure procedure(Registration registration, String id, DemoProcedure kind, Visit visit, LocalDate day,
			Reference reason) {
		Procedure procedure = new Procedure();
		procedure.setId(id);
		procedure.getMeta().addProfile(Canonicals.JP_PROCEDURE);
		procedure.setStatus(Procedure.ProcedureStatus.COMPLETED);
		if (kind.surgical()) {
			procedure.setCategory(new CodeableConcept(
					new Coding(Canonicals.PROCEDURE_CATEGORY, "JPPCC004", "外科的処置")));
		}
		CodeableConcept code = new CodeableConcept().setText(kind.japaneseName());
		if (kind.system() != null) {
			code.addCoding(new Coding(kind.system(), kind.code(), kind.display()));
		}
		procedure.setCode(code);
		procedure.setSubject(registration.patientReference());
		procedure.setEncounter(visit.reference());
		procedure.setPerformed(calendar.dateTime(day, day.equals(visit.start()) ? visit.startMinute() + 30 : 13 * 60));
		procedure.addPerformer().setActor(visit.physician().reference());
		if (reason != null) {
			procedure.addReasonReference(reason);
		}
		procedure.setOutcome(new CodeableConcept(new Coding(Canonicals.PROCEDURE_OUTCOME, "JPPOC001", "成功")));
		return procedure;
	}

	private static Reference reference(Resource resource, String display) {
		return new Reference(resource.fhirType() + "/" + resource.getIdPart()).setDisplay(display);
	}
}
