package jp.renkei.server.demo;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import jp.renkei.server.demo.Facility.Physician;
import jp.renkei.server.demo.Registration.Visit;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Period;

/**
 * Referral letters (診療情報提供書) and discharge summaries (退院時サマリー) as the project's
 * RenkeiDocumentReference with a short plain-text body, typed in LOINC and in JP Core's document
 * codes (JP_DocumentCodes_CS, which uses the same LOINC numbers with Japanese names).
 */
final class ClinicalDocumentGenerator {

	private static final DateTimeFormatter JAPANESE_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

	private final DemoCalendar calendar;

	ClinicalDocumentGenerator(DemoCalendar calendar) {
		this.calendar = calendar;
	}

	/** A letter from {@code from}'s facility asking {@code to} to take over or share care. */
	DocumentReference referral(Registration from, Facility to, LocalDate day, Physician author, String id,
			List<DemoCondition> conditions, List<DemoDrug> drugs) {
		DemoPerson person = from.person();
		String purpose = from.facility().isHospital() ? "退院後の継続加療のお願い" : "精査加療のお願い";
		String text = String.join("\n",
				"診療情報提供書",
				to.name() + " 御侍史",
				"患者氏名: " + person.kanjiName() + "（" + person.kanaName() + "）様",
				"生年月日: " + JAPANESE_DATE.format(person.birthDate()),
				"傷病名: " + names(conditions),
				"紹介目的: " + purpose,
				"アレルギー: " + allergies(person),
				"現在の処方: " + (drugs.isEmpty() ? "なし" : drugs.stream().map(DemoDrug::display).collect(Collectors.joining("、"))),
				"よろしくお願い申し上げます。",
				JAPANESE_DATE.format(day) + " " + from.facility().name() + " " + author.displayName());
		DocumentReference document = document(from, id, "57133-1", "診療情報提供書", "Referral note", day, author,
				"診療情報提供書（" + to.name() + " 宛）", text);
		document.getContext().addRelated(to.reference());
		return document;
	}

	DocumentReference dischargeSummary(Registration registration, Visit admission, String id, DemoCondition reason,
			List<DemoDrug> drugs) {
		DemoPerson person = registration.person();
		String text = String.join("\n",
				"退院時サマリー",
				"患者氏名: " + person.kanjiName() + "（" + person.kanaName() + "）",
				"入院日: " + JAPANESE_DATE.format(admission.start()),
				"退院日: " + JAPANESE_DATE.format(admission.end()),
				"主病名: " + reason.display(),
				"入院中経過: " + reason.display() + "に対し加療を行い、経過良好にて退院とした。",
				"アレルギー: " + allergies(person),
				"退院時処方: " + (drugs.isEmpty() ? "なし" : drugs.stream().map(DemoDrug::display).collect(Collectors.joining("、"))),
				"退院後方針: 外来にて経過観察。",
				"主治医: " + admission.physician().displayName());
		DocumentReference document = document(registration, id, "18842-5", "退院時サマリ", "Discharge summary",
				admission.end(), admission.physician(), "退院時サマリー（" + reason.display() + "）", text);
		document.getContext().addEncounter(admission.reference())
				.setPeriod(new Period().setStartElement(calendar.dayOf(admission.start()))
						.setEndElement(calendar.dayOf(admission.end())));
		return document;
	}

	private DocumentReference document(Registration registration, String id, String code, String japaneseDisplay,
			String loincDisplay, LocalDate day, Physician author, String title, String text) {
		Facility facility = registration.facility();
		DocumentReference document = new DocumentReference();
		document.setId(id);
		document.getMeta().addProfile(Canonicals.RENKEI_DOCUMENT_REFERENCE);
		document.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
		document.setDocStatus(DocumentReference.ReferredDocumentStatus.FINAL);
		// LOINC as the project's document-type value set wants, and JP Core's Japanese document code.
		document.setType(new CodeableConcept()
				.addCoding(new Coding(Canonicals.LOINC, code, loincDisplay))
				.addCoding(new Coding(Canonicals.DOCUMENT_CODES, code, japaneseDisplay))
				.setText(japaneseDisplay));
		document.setSubject(registration.patientReference());
		document.setDateElement(calendar.instant(day, 17 * 60));
		document.addAuthor(author.reference());
		document.addAuthor(facility.reference());
		document.setCustodian(facility.reference());
		document.setDescription(title);
		document.addContent().setAttachment(new Attachment()
				.setContentType("text/plain")
				.setLanguage("ja")
				.setData(text.getBytes(StandardCharsets.UTF_8))
				.setTitle(title)
				.setCreationElement(calendar.dateTime(day, 17 * 60)));
		return document;
	}

	private static String names(List<DemoCondition> conditions) {
		return conditions.isEmpty() ? "なし" : conditions.stream().map(DemoCondition::display).collect(Collectors.joining("、"));
	}

	private static String allergies(DemoPerson person) {
		return person.allergies().isEmpty() ? "なし"
				: person.allergies().stream().map(a -> a.text() + "（" + a.reaction() + "）").collect(Collectors.joining("、"));
	}
}
