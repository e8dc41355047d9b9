package jp.renkei.server.consent;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * What {@code $add-facility} and {@code $withdraw} change in a Consent, as pure functions on the
 * resource (the provider reads, authorizes and stores).
 */
final class ConsentChanges {

	/** The IG's profile of a regional consent. */
	static final String PROFILE = "http://renkei.example.jp/fhir/StructureDefinition/renkei-consent";
	/** The IG's extension recording when and why a consent was withdrawn ({@code date}, {@code reason}). */
	static final String WITHDRAWAL = "http://renkei.example.jp/fhir/StructureDefinition/renkei-consent-withdrawal";
	static final String PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

	private ConsentChanges() {}

	/** {@code provision.actor.role} of a facility the data may go to: v3 ParticipationType IRCP. */
	static CodeableConcept informationRecipient() {
		return new CodeableConcept(new Coding(PARTICIPATION_TYPE, "IRCP", "information recipient"));
	}

	/**
	 * Adds {@code organization} ({@code Organization/<id>}) to the facilities an active permit names.
	 *
	 * @param period when given, the consent's sharing period from now on ({@code provision.period})
	 * @return whether the consent changed (false when the facility was listed already and no period was given)
	 * @throws UnprocessableEntityException when the consent is not an active permit naming facilities
	 */
	static boolean addFacility(Consent consent, String organization, String display, Period period) {
		if (consent.getStatus() != Consent.ConsentState.ACTIVE) {
			throw new UnprocessableEntityException("Consent/" + consent.getIdPart() + " is " + statusOf(consent)
					+ "; a facility can be added only to an active consent (record a new consent instead)");
		}
		if (consent.getProvision().getType() != Consent.ConsentProvisionType.PERMIT) {
			throw new UnprocessableEntityException("Consent/" + consent.getIdPart()
					+ " is not a permit (provision.type); a facility can be added only to a permit");
		}
		if (!consent.getProvision().hasActor()) {
			throw new UnprocessableEntityException("Consent/" + consent.getIdPart() + " names no facility and so covers"
					+ " every facility of the region; adding one would narrow it to that facility");
		}
		if (period != null && period.hasStart() && period.hasEnd() && period.getStart().after(period.getEnd())) {
			throw new UnprocessableEntityException("The period ends before it starts");
		}
		boolean listed = consent.getProvision().getActor().stream().anyMatch(actor -> organization.equals(
				actor.getReference().getReferenceElement().toUnqualifiedVersionless().getValue()));
		if (!listed) {
			consent.getProvision().addActor()
					.setRole(informationRecipient())
					.setReference(new Reference(organization).setDisplay(display));
		}
		if (period != null && !period.isEmpty()) {
			consent.getProvision().setPeriod(period.copy());
			return true;
		}
		return !listed;
	}

	/**
	 * Marks the consent withdrawn: status inactive, the withdrawal extension with {@code date} and
	 * {@code reason}, and {@code provision.period} ending at {@code date}.
	 *
	 * @param now the current moment: a withdrawal cannot be dated in the future
	 * @throws UnprocessableEntityException when the consent is not active or the date is impossible
	 */
	static void withdraw(Consent consent, DateTimeType date, String reason, Date now) {
		if (consent.getStatus() != Consent.ConsentState.ACTIVE) {
			throw new UnprocessableEntityException("Consent/" + consent.getIdPart() + " is " + statusOf(consent)
					+ "; only an active consent can be withdrawn");
		}
		// One minute of tolerance for the clocks of the systems sending the date.
		if (date.getValue().after(new Date(now.getTime() + 60_000))) {
			throw new UnprocessableEntityException("The withdrawal date " + date.getValueAsString() + " is in the future");
		}
		if (consent.hasDateTime() && date.getValue().before(consent.getDateTime())) {
			throw new UnprocessableEntityException("The withdrawal date " + date.getValueAsString()
					+ " is before the consent was given (" + consent.getDateTimeElement().getValueAsString() + ")");
		}
		Extension withdrawal = new Extension(WITHDRAWAL);
		withdrawal.addExtension("date", date.copy());
		if (reason != null && !reason.isBlank()) {
			withdrawal.addExtension("reason", new StringType(reason.strip()));
		}
		consent.getExtension().removeIf(extension -> WITHDRAWAL.equals(extension.getUrl()));
		consent.addExtension(withdrawal);
		consent.setStatus(Consent.ConsentState.INACTIVE);
		Period period = consent.getProvision().getPeriod();
		boolean startsLater = period.hasStart() && period.getStart().after(date.getValue());
		boolean endsEarlier = period.hasEnd() && period.getEnd().before(date.getValue());
		if (!startsLater && !endsEarlier) {
			period.setEndElement(date.copy());
		}
	}

	private static String statusOf(Consent consent) {
		return consent.getStatus() == null ? "without status" : consent.getStatus().toCode();
	}
}
