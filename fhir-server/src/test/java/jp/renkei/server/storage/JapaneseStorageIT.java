package jp.renkei.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import jp.renkei.server.AbstractServerIT;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/** Japanese names, including 4-byte kanji, survive every database and are found by search. */
class JapaneseStorageIT extends AbstractServerIT {

	private static final String JP_PATIENT = "http://jpfhir.jp/fhir/core/StructureDefinition/JP_Patient";
	private static final String REPRESENTATION = "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation";

	@Test
	void fourByteKanjiRoundTripsAndIsFoundByName() {
		String unique = UUID.randomUUID().toString().substring(0, 6);
		Patient created = createPatient("𠮷田" + unique, "𩸽子", "ヨシダ" + unique, "ホッケコ");

		Patient read = client().read().resource(Patient.class).withId(created.getIdElement().getIdPart()).execute();
		assertThat(read.getName().get(0).getFamily()).isEqualTo("𠮷田" + unique);
		assertThat(read.getName().get(0).getGivenAsSingleString()).isEqualTo("𩸽子");

		assertThat(searchByName("family", "𠮷田" + unique)).containsExactly(created.getIdElement().getIdPart());
		assertThat(searchByName("name", "𩸽子")).contains(created.getIdElement().getIdPart());
		assertThat(searchByName("name", "ヨシダ" + unique)).containsExactly(created.getIdElement().getIdPart());
	}

	@Test
	void fullTextSearchDoesNotBreakOnKanjiAndKana() {
		String unique = UUID.randomUUID().toString().substring(0, 6);
		Patient created = createPatient("髙橋" + unique, "花子", "タカハシ" + unique, "ハナコ");

		assertThat(search("_content", "髙橋" + unique)).contains(created.getIdElement().getIdPart());
		assertThat(search("_text", "タカハシ" + unique)).contains(created.getIdElement().getIdPart());
		assertThat(search("_content", "存在しない患者名" + unique)).isEmpty();
	}

	private Patient createPatient(String family, String given, String kanaFamily, String kanaGiven) {
		Patient patient = new Patient();
		patient.getMeta().addProfile(JP_PATIENT);
		patient.addIdentifier().setSystem("urn:oid:1.2.392.100495.20.3.51.11311234567").setValue(UUID.randomUUID().toString());
		HumanName kanji = patient.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(family).addGiven(given)
				.setText(family + " " + given);
		kanji.addExtension(REPRESENTATION, new org.hl7.fhir.r4.model.CodeType("IDE"));
		HumanName kana = patient.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(kanaFamily).addGiven(kanaGiven)
				.setText(kanaFamily + " " + kanaGiven);
		kana.addExtension(REPRESENTATION, new org.hl7.fhir.r4.model.CodeType("SYL"));
		patient.setGender(Enumerations.AdministrativeGender.FEMALE);
		patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1980-04-01"));
		patient.getText().setStatus(Narrative.NarrativeStatus.GENERATED)
				.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">" + family + " " + given + " (" + kanaFamily + " " + kanaGiven + ")</div>");
		IdType id = (IdType) client().create().resource(patient).execute().getId();
		patient.setId(id.toUnqualifiedVersionless());
		return patient;
	}

	private List<String> searchByName(String parameter, String value) {
		return search(parameter, value);
	}

	private List<String> search(String parameter, String value) {
		Bundle bundle = client().search().byUrl("Patient?" + parameter + "=" + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8))
				.returnBundle(Bundle.class).execute();
		return bundle.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
	}
}
