package jp.renkei.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/** What a registration clerk would call the same person, and what not. */
class MatchScorerTest {

	private static final IdentityProperties PROPERTIES = new IdentityProperties(0.85, 0.6, 200);
	private final MatchScorer scorer = new MatchScorer();

	@Test
	void hiraganaAndHalfWidthKanaFoldToTheSameKatakana() {
		IdentityEvidence katakana = IdentityEvidence.of(patient("ヤマダ タロウ", "山田 太郎", "1950-04-01", "0471234567", null));
		IdentityEvidence hiragana = IdentityEvidence.of(patient("やまだ　たろう", "山田 太郎", "1950-04-01", "047-123-4567", null));
		IdentityEvidence halfWidth = IdentityEvidence.of(patient("ﾔﾏﾀﾞ ﾀﾛｳ", "山田　太郎", "1950-04-01", "(047)123-4567", null));

		assertThat(katakana.kanaKey()).isEqualTo("ヤマダタロウ");
		assertThat(hiragana.kanaKey()).isEqualTo("ヤマダタロウ");
		assertThat(halfWidth.kanaKey()).isEqualTo("ヤマダタロウ");
		assertThat(halfWidth.kanjiKey()).isEqualTo("山田太郎");
		assertThat(hiragana.phones()).containsExactly("0471234567");
		assertThat(scorer.score(katakana, hiragana)).isEqualTo(1.0);
		assertThat(scorer.score(katakana, halfWidth)).isEqualTo(1.0);
		assertThat(PROPERTIES.grade(scorer.score(katakana, halfWidth))).isEqualTo(MatchGrade.CERTAIN);
	}

	@Test
	void twinsSharingFamilyNameBirthDateAddressAndPhoneAreNotLinked() {
		IdentityEvidence misaki = IdentityEvidence.of(patient("サトウ ミサキ", "佐藤 美咲", "2001-07-07", "0431112222",
				"06123456:ちば:1001:01"));
		IdentityEvidence aoi = IdentityEvidence.of(patient("サトウ アオイ", "佐藤 葵", "2001-07-07", "0431112222",
				"06123456:ちば:1001:02"));
		assertThat(scorer.score(misaki, aoi)).isLessThan(PROPERTIES.reviewThreshold());

		// Even without their insurance ids, the different given names keep them apart.
		IdentityEvidence misakiWithoutInsurance = IdentityEvidence.of(patient("サトウ ミサキ", "佐藤 美咲", "2001-07-07", "0431112222", null));
		IdentityEvidence aoiWithoutInsurance = IdentityEvidence.of(patient("サトウ アオイ", "佐藤 葵", "2001-07-07", "0431112222", null));
		assertThat(scorer.score(misakiWithoutInsurance, aoiWithoutInsurance)).isLessThan(PROPERTIES.reviewThreshold());
	}

	@Test
	void aKanjiTypoWithTheSameKanaBirthDateAndPhoneIsLinked() {
		IdentityEvidence registered = IdentityEvidence.of(patient("サイトウ ケンイチ", "斎藤 健一", "1948-02-11", "0479998888", null));
		IdentityEvidence typo = IdentityEvidence.of(patient("サイトウ ケンイチ", "斉藤 健一", "1948-02-11", "0479998888", null));
		double score = scorer.score(registered, typo);
		assertThat(score).isGreaterThanOrEqualTo(PROPERTIES.linkThreshold());
	}

	@Test
	void theInsuranceMemberIdAloneIsACertainMatch() {
		Patient query = new Patient();
		query.addIdentifier().setSystem(IdentityEvidence.INSURANCE_SYSTEM).setValue("０６１２３４５６:ちば:1001:01");
		IdentityEvidence record = IdentityEvidence.of(patient("サトウ ミサキ", "佐藤 美咲", "2001-07-07", "0431112222",
				"06123456:ちば:1001:01"));
		IdentityEvidence byInsurance = IdentityEvidence.of(query);
		assertThat(byInsurance.isMatchable()).isTrue();
		assertThat(PROPERTIES.grade(scorer.score(byInsurance, record))).isEqualTo(MatchGrade.CERTAIN);
	}

	@Test
	void aDifferentBirthDateWithoutTheSameInsuranceIdIsImprobable() {
		IdentityEvidence father = IdentityEvidence.of(patient("タナカ タクヤ", "田中 拓也", "1950-01-01", "0431234567", null));
		IdentityEvidence son = IdentityEvidence.of(patient("タナカ タクヤ", "田中 拓也", "1980-01-01", "0431234567", null));
		assertThat(scorer.score(father, son)).isLessThanOrEqualTo(MatchScorer.IMPROBABLE);
	}

	@Test
	void kanaAndBirthDateAloneAreProbableNotCertain() {
		Patient query = new Patient();
		query.addName(kana("やまだ たろう"));
		query.setBirthDateElement(new DateType("1950-04-01"));
		IdentityEvidence record = IdentityEvidence.of(patient("ヤマダ タロウ", "山田 太郎", "1950-04-01", "0471234567", null));
		assertThat(PROPERTIES.grade(scorer.score(IdentityEvidence.of(query), record))).isEqualTo(MatchGrade.PROBABLE);
	}

	@Test
	void aNameWithoutBirthDateIsNothingToMatchOn() {
		Patient query = new Patient();
		query.addName(kana("ヤマダ タロウ"));
		assertThat(IdentityEvidence.of(query).isMatchable()).isFalse();
	}

	private static Patient patient(String kana, String kanji, String birthDate, String phone, String insurance) {
		Patient patient = new Patient();
		HumanName written = new HumanName().setText(kanji);
		written.addExtension(IdentityEvidence.NAME_REPRESENTATION, new CodeType("IDE"));
		patient.addName(written);
		patient.addName(kana(kana));
		patient.setBirthDateElement(new DateType(birthDate));
		patient.setGender(AdministrativeGender.FEMALE);
		patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(phone);
		if (insurance != null) {
			patient.addIdentifier().setSystem(IdentityEvidence.INSURANCE_SYSTEM).setValue(insurance);
		}
		return patient;
	}

	private static HumanName kana(String text) {
		HumanName name = new HumanName().setText(text);
		name.addExtension(IdentityEvidence.NAME_REPRESENTATION, new CodeType("SYL"));
		return name;
	}
}
