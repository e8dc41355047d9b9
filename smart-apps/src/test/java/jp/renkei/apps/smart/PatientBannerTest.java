package jp.renkei.apps.smart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class PatientBannerTest {

	@Test
	void kanjiAndKanaByTheirRepresentationAgeOnTheDayAndTheFacilitysId() {
		Patient patient = new Patient();
		patient.setId("p1");
		// Insurance number first: the banner shows the facility's patient id, not it.
		patient.addIdentifier().setSystem(PatientBanner.INSURANCE_MEMBER_ID_SYSTEM).setValue("06123456:1:2:00");
		patient.addIdentifier().setSystem("urn:oid:1.2.392.100495.20.3.51.11311234567").setValue("00000010");
		patient.addName().setFamily("ヤマダ").addGiven("タロウ").addExtension(new Extension(PatientBanner.REPRESENTATION, new CodeType("SYL")));
		patient.addName().setText("山田 太郎").addExtension(new Extension(PatientBanner.REPRESENTATION, new CodeType("IDE")));
		patient.setGender(AdministrativeGender.MALE);
		patient.setBirthDateElement(new DateType("1970-04-02"));

		assertThat(PatientBanner.of(patient, LocalDate.of(2026, 4, 1)))
				.isEqualTo(new PatientBanner("p1", "山田 太郎", "ヤマダ タロウ", "sex.male", "1970-04-02", 55, "00000010"));
		assertThat(PatientBanner.of(patient, LocalDate.of(2026, 4, 2)).age()).isEqualTo(56);
	}

	@Test
	void withoutRepresentationsTheFirstNameIsKanjiAndUnknownsStayEmpty() {
		Patient patient = new Patient();
		patient.setId("p2");
		patient.addName().setText("佐藤 花子");

		assertThat(PatientBanner.of(patient, LocalDate.of(2026, 1, 1)))
				.isEqualTo(new PatientBanner("p2", "佐藤 花子", "", "sex.unknown", "", -1, ""));
	}
}
