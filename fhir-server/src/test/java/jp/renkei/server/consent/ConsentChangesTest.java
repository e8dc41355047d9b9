package jp.renkei.server.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** What $add-facility and $withdraw change, and which scanned forms $record-consent accepts. */
class ConsentChangesTest {

	private static final Date NOW = new DateTimeType("2026-11-01T12:00:00+09:00").getValue();

	private static Consent permit(String... facilities) {
		Consent consent = new Consent();
		consent.setId("c1");
		consent.setStatus(Consent.ConsentState.ACTIVE);
		consent.setDateTimeElement(new DateTimeType("2026-04-01T10:00:00+09:00"));
		consent.getProvision().setType(Consent.ConsentProvisionType.PERMIT);
		consent.getProvision().getPeriod().setStartElement(new DateTimeType("2026-04-01"));
		for (String facility : facilities) {
			consent.getProvision().addActor().setRole(ConsentChanges.informationRecipient()).setReference(new Reference(facility));
		}
		return consent;
	}

	@Test
	void addsAFacilityOnceAsAnInformationRecipient() {
		Consent consent = permit("Organization/a");

		assertThat(ConsentChanges.addFacility(consent, "Organization/b", "B病院", null)).isTrue();
		assertThat(ConsentChanges.addFacility(consent, "Organization/b", "B病院", null)).isFalse();

		assertThat(consent.getProvision().getActor()).extracting(a -> a.getReference().getReference())
				.containsExactly("Organization/a", "Organization/b");
		assertThat(consent.getProvision().getActor().get(1).getRole().getCodingFirstRep().getCode()).isEqualTo("IRCP");
		assertThat(consent.getProvision().getActor().get(1).getReference().getDisplay()).isEqualTo("B病院");
	}

	@Test
	void aPeriodGivenWithTheAdditionBecomesTheConsentsPeriod() {
		Consent consent = permit("Organization/a");
		Period period = new Period().setStartElement(new DateTimeType("2026-11-01")).setEndElement(new DateTimeType("2031-10-31"));

		assertThat(ConsentChanges.addFacility(consent, "Organization/a", null, period)).isTrue();
		assertThat(consent.getProvision().getPeriod().getEndElement().getValueAsString()).isEqualTo("2031-10-31");

		Period backwards = new Period().setStartElement(new DateTimeType("2027-01-01")).setEndElement(new DateTimeType("2026-01-01"));
		assertThatThrownBy(() -> ConsentChanges.addFacility(permit("Organization/a"), "Organization/b", null, backwards))
				.isInstanceOf(UnprocessableEntityException.class);
	}

	@Test
	void onlyAnActivePermitNamingFacilitiesGetsAnotherOne() {
		Consent withdrawn = permit("Organization/a");
		withdrawn.setStatus(Consent.ConsentState.INACTIVE);
		Consent deny = permit("Organization/a");
		deny.getProvision().setType(Consent.ConsentProvisionType.DENY);

		assertThatThrownBy(() -> ConsentChanges.addFacility(withdrawn, "Organization/b", null, null))
				.isInstanceOf(UnprocessableEntityException.class).hasMessageContaining("inactive");
		assertThatThrownBy(() -> ConsentChanges.addFacility(deny, "Organization/b", null, null))
				.isInstanceOf(UnprocessableEntityException.class).hasMessageContaining("permit");
		assertThatThrownBy(() -> ConsentChanges.addFacility(permit(), "Organization/b", null, null))
				.isInstanceOf(UnprocessableEntityException.class).hasMessageContaining("every facility");
	}

	@Test
	void withdrawalRecordsWhenAndWhyAndEndsThePeriod() {
		Consent consent = permit("Organization/a");
		DateTimeType date = new DateTimeType("2026-10-01T14:00:00+09:00");

		ConsentChanges.withdraw(consent, date, "  本人の申し出 ", NOW);

		assertThat(consent.getStatus()).isEqualTo(Consent.ConsentState.INACTIVE);
		var withdrawal = consent.getExtensionByUrl(ConsentChanges.WITHDRAWAL);
		assertThat(withdrawal.getExtensionByUrl("date").getValue().primitiveValue()).isEqualTo("2026-10-01T14:00:00+09:00");
		assertThat(withdrawal.getExtensionByUrl("reason").getValue().primitiveValue()).isEqualTo("本人の申し出");
		assertThat(consent.getProvision().getPeriod().getEndElement().getValueAsString()).isEqualTo("2026-10-01T14:00:00+09:00");
		assertThatThrownBy(() -> ConsentChanges.withdraw(consent, date, null, NOW))
				.isInstanceOf(UnprocessableEntityException.class).hasMessageContaining("only an active consent");
	}

	@Test
	void aWithdrawalCannotBeDatedInTheFutureOrBeforeTheConsent() {
		assertThatThrownBy(() -> ConsentChanges.withdraw(permit("Organization/a"), new DateTimeType("2026-11-02T00:00:00+09:00"), null, NOW))
				.isInstanceOf(UnprocessableEntityException.class).hasMessageContaining("future");
		assertThatThrownBy(() -> ConsentChanges.withdraw(permit("Organization/a"), new DateTimeType("2026-03-01T00:00:00+09:00"), null, NOW))
				.isInstanceOf(UnprocessableEntityException.class).hasMessageContaining("before the consent");
	}

	@Test
	void theScannedFormIsAPdfOrAnImageWithinTheLimit() {
		byte[] pdf = "%PDF-1.4 scanned".getBytes(StandardCharsets.US_ASCII);
		byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10};

		assertThat(ConsentForm.check(new Attachment().setContentType("application/pdf").setData(pdf), 1000)
				.toBinary("p1").getSecurityContext().getReference()).isEqualTo("Patient/p1");
		assertThat(ConsentForm.check(new Attachment().setContentType("image/png").setData(png), 1000)
				.sourceAttachment("b1", NOW).getUrl()).isEqualTo("Binary/b1");
		assertThat(ConsentForm.check(new Attachment().setContentType("application/pdf").setData(pdf), 1000)
				.sourceAttachment("b1", NOW).getHash()).hasSize(20);

		assertThatThrownBy(() -> ConsentForm.check(new Attachment().setContentType("application/pdf").setData(pdf), pdf.length - 1))
				.isInstanceOf(InvalidRequestException.class).hasMessageContaining("at most");
		assertThatThrownBy(() -> ConsentForm.check(new Attachment().setContentType("image/png").setData(pdf), 1000))
				.isInstanceOf(InvalidRequestException.class).hasMessageContaining("image/png");
		assertThatThrownBy(() -> ConsentForm.check(new Attachment().setContentType("text/html").setData(pdf), 1000))
				.isInstanceOf(InvalidRequestException.class).hasMessageContaining("contentType");
		assertThatThrownBy(() -> ConsentForm.check(new Attachment().setContentType("application/pdf").setUrl("http://x/y.pdf"), 1000))
				.isInstanceOf(InvalidRequestException.class).hasMessageContaining("inline");
		assertThatThrownBy(() -> ConsentForm.check(null, 1000)).isInstanceOf(InvalidRequestException.class);
	}
}
