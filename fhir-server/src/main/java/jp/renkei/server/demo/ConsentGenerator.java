package jp.renkei.server.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * The residents' consents to regional sharing (個別同意, on paper at their primary facility), one per
 * person at most, on the Patient record of the primary facility: that record is shared with the
 * person's other registered facilities and with the region's hospitals. Every case of the consent
 * rules appears (README, "Consent (同意) policies and workflows"):
 *
 * <ul>
 *   <li>most people: an active per-facility consent;</li>
 *   <li>every eighth person (index ≡ 5 mod 8): no consent, so each facility's records stay there;</li>
 *   <li>every twenty-fifth person (index ≡ 10 mod 25): a consent withdrawn (inactive) a month ago;</li>
 *   <li>people treated for insomnia (不眠症) at more than one facility: the consent excludes
 *       psychiatric information (nested deny with security label PSY), and their insomnia diagnosis at
 *       the primary facility carries the PSY label in {@code meta.security}.</li>
 * </ul>
 *
 * Decided by the person's index and conditions only, without drawing from any random source, so
 * the rest of the region is the same with or without consents.
 */
final class ConsentGenerator {

	static final String RENKEI_CONSENT = Canonicals.RENKEI + "StructureDefinition/renkei-consent";
	static final String WITHDRAWAL = Canonicals.RENKEI + "StructureDefinition/renkei-consent-withdrawal";
	static final String CONSENT_POLICY = Canonicals.RENKEI + "CodeSystem/renkei-consent-policy";
	static final Coding PSY = new Coding(Canonicals.V3_ACT_CODE, "PSY", "psychiatry disorder information sensitivity");

	private final DemoCalendar calendar;
	private final List<Facility> hospitals;

	ConsentGenerator(DemoCalendar calendar, List<Facility> facilities) {
		this.calendar = calendar;
		this.hospitals = facilities.stream().filter(Facility::isHospital).toList();
	}

	/** How a person's consent turned out. */
	enum Kind {
		NONE,
		PER_FACILITY,
		WITHDRAWN,
		EXCLUDING_PSYCHIATRY
	}

	static Kind kindOf(DemoPerson person) {
		if (person.index() % 8 == 5) {
			return Kind.NONE;
		}
		if (person.index() % 25 == 10) {
			return Kind.WITHDRAWN;
		}
		if (person.chronicConditions().contains(DemoCondition.INSOMNIA) && person.registrations().size() > 1) {
			return Kind.EXCLUDING_PSYCHIATRY;
		}
		return Kind.PER_FACILITY;
	}

	static String consentId(DemoPerson person) {
		return "demo-consent-" + person.number();
	}

	/**
	 * The person's consent (none, or one), labelling psychiatric records in {@code records} (the
	 * person's resources, changed in place) when the consent excludes them.
	 */
	List<Resource> consentsOf(DemoPerson person, List<Resource> records) {
		Kind kind = kindOf(person);
		if (kind == Kind.NONE) {
			return List.of();
		}
		Facility primary = person.primaryFacility();
		String primaryPatient = "demo-pat-" + person.number() + "-" + primary.key();
		LocalDate signed = calendar.day(200 + (person.index() * 37) % 400);
		int minute = 9 * 60 + 5 * ((person.index() * 11) % 90);

		Consent consent = new Consent();
		consent.setId(consentId(person));
		consent.getMeta().addProfile(RENKEI_CONSENT);
		consent.setStatus(Consent.ConsentState.ACTIVE);
		consent.setScope(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", "Privacy Consent")));
		consent.addCategory(new CodeableConcept(new Coding(Canonicals.LOINC, "59284-0", "Patient Consent")));
		consent.setPatient(new Reference("Patient/" + primaryPatient).setDisplay(person.kanjiName()));
		consent.setDateTimeElement(calendar.dateTime(signed, minute));
		consent.addPerformer(new Reference("Patient/" + primaryPatient).setDisplay(person.kanjiName()));
		consent.addOrganization(primary.reference());
		consent.setPolicyRule(new CodeableConcept(new Coding(CONSENT_POLICY, "opt-in-per-facility", "施設ごとの同意（オプトイン）")));
		Consent.ProvisionComponent provision = consent.getProvision();
		provision.setType(Consent.ConsentProvisionType.PERMIT);
		provision.getPeriod().setStartElement(calendar.dayOf(signed));
		for (Facility facility : recipients(person)) {
			provision.addActor()
					.setRole(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", "information recipient")))
					.setReference(facility.reference());
		}
		if (kind == Kind.WITHDRAWN) {
			LocalDate withdrawn = calendar.day(20 + person.index() % 20);
			Extension withdrawal = new Extension(WITHDRAWAL);
			withdrawal.addExtension("date", calendar.dateTime(withdrawn, 14 * 60));
			withdrawal.addExtension("reason", new StringType("本人の申し出により撤回（地域連携を利用しない）"));
			consent.addExtension(withdrawal);
			consent.setStatus(Consent.ConsentState.INACTIVE);
			provision.getPeriod().setEndElement(calendar.dayOf(withdrawn));
		}
		if (kind == Kind.EXCLUDING_PSYCHIATRY) {
			provision.addProvision().setType(Consent.ConsentProvisionType.DENY).addSecurityLabel(PSY.copy());
			labelPsychiatric(records, primaryPatient);
		}
		return List.of(consent);
	}

	/** The person's other registered facilities, then the region's hospitals; never the primary one. */
	private List<Facility> recipients(DemoPerson person) {
		Set<Facility> recipients = new LinkedHashSet<>(person.registrations());
		recipients.addAll(hospitals);
		recipients.remove(person.primaryFacility());
		return new ArrayList<>(recipients);
	}

	/** The insomnia diagnosis held at the primary facility is psychiatric information. */
	private static void labelPsychiatric(List<Resource> records, String primaryPatient) {
		Optional<Condition> insomnia = records.stream()
				.filter(Condition.class::isInstance).map(Condition.class::cast)
				.filter(condition -> condition.getSubject().getReference().equals("Patient/" + primaryPatient))
				.filter(condition -> condition.getCode().getCoding().stream()
						.anyMatch(coding -> DemoCondition.INSOMNIA.receiptCode().equals(coding.getCode())))
				.findFirst();
		insomnia.ifPresent(condition -> condition.getMeta().addSecurity(PSY.copy()));
	}
}
