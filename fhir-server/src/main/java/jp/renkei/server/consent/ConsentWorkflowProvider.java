package jp.renkei.server.consent;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import jp.renkei.server.access.RequestCaller;
import jp.renkei.server.auth.Caller;
import jp.renkei.server.config.FhirServerProvider;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * The consent workflows of the region (issue 4, 同意の取得・追加・撤回), as FHIR operations:
 *
 * <ul>
 *   <li>{@code POST /fhir/Patient/{id}/$record-consent} (parameters {@code consent}: the Consent,
 *       {@code form}: the scanned signed form as an Attachment) stores the form as a Binary and the
 *       Consent pointing at it, in one database transaction; 201 with the Consent.</li>
 *   <li>{@code POST /fhir/Consent/{id}/$add-facility} ({@code organization}: Reference, optional
 *       {@code period}) adds a facility to an active permit, as a new version.</li>
 *   <li>{@code POST /fhir/Consent/{id}/$withdraw} (optional {@code reason}, optional {@code date})
 *       makes the consent inactive as a new version and records when and why (IG extension
 *       {@code renkei-consent-withdrawal}; {@code provision.period} ends then).</li>
 * </ul>
 *
 * <p>Who may: the facility that obtained the consent ({@code Consent.organization} = the caller's
 * organization) or a privacy officer (role {@code privacy-officer}); a region operator (role
 * {@link RegionOperators}) may record a consent for any facility. Everything the operations read and
 * write goes through the caller's request, so scopes, compartments, consent and profile validation
 * apply as to any request; the scopes these operations need are checked by the access package
 * ({@code Consent} c for recording, with {@code Binary} c; {@code Consent} u for the changes).
 * Every stored version carries {@code meta.source} naming the caller (the user's fhirUser, or
 * {@code urn:renkei:client:<client_id>}) and HAPI's {@code meta.lastUpdated}, so the Consent's
 * history shows who changed what and when; the audit trail records the requests themselves.
 */
@Component
public class ConsentWorkflowProvider implements FhirServerProvider {

	public static final String RECORD_CONSENT = "$record-consent";
	public static final String ADD_FACILITY = "$add-facility";
	public static final String WITHDRAW = "$withdraw";
	static final String PRIVACY_OFFICER = "privacy-officer";

	private final DaoRegistry daos;
	private final IHapiTransactionService transactions;
	private final RequestCaller callers;
	private final ConsentWorkflowProperties properties;
	private final RegionOperators operators;
	private final Clock clock;

	public ConsentWorkflowProvider(DaoRegistry daos, IHapiTransactionService transactions, RequestCaller callers,
			ConsentWorkflowProperties properties, RegionOperators operators) {
		this.operators = operators;
		this.daos = daos;
		this.transactions = transactions;
		this.callers = callers;
		this.properties = properties;
		this.clock = Clock.systemUTC();
	}

	@Operation(name = RECORD_CONSENT, type = Patient.class, idempotent = false)
	public Consent recordConsent(
			@IdParam IdType patientId,
			@OperationParam(name = "consent", min = 1, max = 1) Consent consent,
			@OperationParam(name = "form", min = 1, max = 1) Attachment form,
			RequestDetails request,
			HttpServletResponse response) {
		Optional<Caller> caller = callers.of(request);
		if (consent == null) {
			throw new InvalidRequestException("$record-consent needs the Consent as the parameter 'consent'");
		}
		ConsentForm scannedForm = ConsentForm.check(form, properties.maxFormSize().toBytes());
		String patient = patientId.getIdPart();
		Patient record = read(Patient.class, "Patient/" + patient, request);

		checkNewConsent(consent, patient);
		String organization = referenceOf(consent.getOrganizationFirstRep());
		if (caller.isPresent() && !operators.isRegionOperator(caller.get())
				&& !organization.equals(caller.get().organization().map(ConsentWorkflowProvider::versionless).orElse(null))) {
			throw new ForbiddenOperationException("A facility records the consents it obtained itself: Consent.organization ("
					+ organization + ") must be the caller's organization");
		}
		if (record.hasManagingOrganization() && !organization.equals(referenceOf(record.getManagingOrganization()))) {
			throw new UnprocessableEntityException("Patient/" + patient + " is kept by "
					+ referenceOf(record.getManagingOrganization()) + "; the consent to share that record is obtained by"
					+ " that facility, not by " + organization);
		}
		requireOrganization(organization, "Consent.organization");
		for (Consent.provisionActorComponent actor : consent.getProvision().getActor()) {
			requireOrganization(referenceOf(actor.getReference()), "Consent.provision.actor.reference");
		}

		Date now = Date.from(clock.instant());
		consent.setId((String) null);
		if (consent.getMeta().getProfile().stream().noneMatch(profile -> ConsentChanges.PROFILE.equals(profile.getValue()))) {
			consent.getMeta().addProfile(ConsentChanges.PROFILE);
		}
		consent.getMeta().setSource(sourceOf(caller));
		Binary binary = scannedForm.toBinary(patient);
		binary.getMeta().setSource(sourceOf(caller));
		Consent stored = transactions.withRequest(request).execute(() -> {
			String binaryId = daos.getResourceDao(Binary.class).create(binary, request).getId().getIdPart();
			consent.setSource(scannedForm.sourceAttachment(binaryId, now));
			return (Consent) daos.getResourceDao(Consent.class).create(consent, request).getResource();
		});
		if (response != null) {
			response.setStatus(201);
			response.setHeader("Location", request.getFhirServerBase() + "/Consent/" + stored.getIdElement().getIdPart()
					+ "/_history/" + stored.getIdElement().getVersionIdPart());
		}
		return stored;
	}

	@Operation(name = ADD_FACILITY, type = Consent.class, idempotent = false)
	public Consent addFacility(
			@IdParam IdType consentId,
			@OperationParam(name = "organization", min = 1, max = 1) Reference organization,
			@OperationParam(name = "period", max = 1) Period period,
			RequestDetails request) {
		if (organization == null || !organization.hasReference()) {
			throw new InvalidRequestException("$add-facility needs the parameter 'organization' (a Reference to Organization/<id>)");
		}
		Consent consent = readToChange(consentId, request);
		String facility = referenceOf(organization);
		Organization added = requireOrganization(facility, "organization");
		if (!ConsentChanges.addFacility(consent, facility, added.getName(), period)) {
			return consent;
		}
		return store(consent, request);
	}

	@Operation(name = WITHDRAW, type = Consent.class, idempotent = false)
	public Consent withdraw(
			@IdParam IdType consentId,
			@OperationParam(name = "reason", max = 1) StringType reason,
			@OperationParam(name = "date", max = 1) DateTimeType date,
			RequestDetails request) {
		Consent consent = readToChange(consentId, request);
		Date now = Date.from(clock.instant());
		DateTimeType when = date != null && date.getValue() != null ? date : new DateTimeType(now);
		ConsentChanges.withdraw(consent, when, reason == null ? null : reason.getValue(), now);
		return store(consent, request);
	}

	/** Reads the consent as the caller (404 if they cannot see it) and checks they may change it. */
	private Consent readToChange(IdType consentId, RequestDetails request) {
		Consent consent = read(Consent.class, "Consent/" + consentId.getIdPart(), request);
		Optional<Caller> caller = callers.of(request);
		if (caller.isEmpty()) {
			return consent;
		}
		boolean obtainedHere = caller.get().organization().map(ConsentWorkflowProvider::versionless)
				.filter(organization -> organization.equals(referenceOf(consent.getOrganizationFirstRep())))
				.isPresent();
		if (!obtainedHere && !caller.get().roles().contains(PRIVACY_OFFICER)) {
			throw new ForbiddenOperationException("Only the facility that obtained Consent/" + consentId.getIdPart()
					+ " or a privacy officer may change it");
		}
		return consent;
	}

	private Consent store(Consent consent, RequestDetails request) {
		consent.getMeta().setSource(sourceOf(callers.of(request)));
		// The id keeps the version that was read: a change made meanwhile makes this a 409, not a lost update.
		return (Consent) daos.getResourceDao(Consent.class).update(consent, request).getResource();
	}

	/** A new consent: for this patient, from one facility, in force, under a policy of the region. */
	private static void checkNewConsent(Consent consent, String patient) {
		if (!("Patient/" + patient).equals(referenceOf(consent.getPatient()))) {
			throw new UnprocessableEntityException("Consent.patient must be Patient/" + patient + ", the patient of the operation");
		}
		if (consent.getStatus() != Consent.ConsentState.ACTIVE) {
			throw new UnprocessableEntityException("A recorded consent has status active (it is withdrawn later with $withdraw)");
		}
		if (consent.getOrganization().size() != 1 || referenceOf(consent.getOrganizationFirstRep()) == null) {
			throw new UnprocessableEntityException("Consent.organization must name the one facility that obtained the consent");
		}
		if (consent.getPolicyRule().getCoding().stream().noneMatch(coding -> RegionConsentPolicy.SYSTEM.equals(coding.getSystem())
				&& coding.getCode() != null && RegionConsentPolicy.fromCode(coding.getCode()).isPresent())) {
			throw new UnprocessableEntityException("Consent.policyRule must be one of the region's policies ("
					+ RegionConsentPolicy.SYSTEM + ": opt-in-per-facility, opt-in-comprehensive, opt-out)");
		}
		if (consent.hasSource()) {
			throw new UnprocessableEntityException("Consent.source[x] is set by the server from the parameter 'form'; leave it out");
		}
		if (consent.hasExtension(ConsentChanges.WITHDRAWAL)) {
			throw new UnprocessableEntityException("A new consent cannot record a withdrawal");
		}
	}

	private Organization requireOrganization(String reference, String where) {
		if (reference == null || !reference.startsWith("Organization/")) {
			throw new UnprocessableEntityException(where + " must reference an Organization (Organization/<id>), not " + reference);
		}
		try {
			// Organizations are the region's shared directory, not patient data: looked up as the server.
			return daos.getResourceDao(Organization.class).read(new IdType(reference), new SystemRequestDetails());
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			throw new UnprocessableEntityException(where + ": " + reference + " is not a facility of the region");
		}
	}

	private <T extends org.hl7.fhir.instance.model.api.IBaseResource> T read(Class<T> type, String reference,
			RequestDetails request) {
		IFhirResourceDao<T> dao = daos.getResourceDao(type);
		try {
			return dao.read(new IdType(reference), request);
		} catch (ResourceGoneException e) {
			throw new ResourceNotFoundException(reference + " is not known");
		}
	}

	private static String sourceOf(Optional<Caller> caller) {
		return caller.map(c -> c.fhirUser().orElse("urn:renkei:client:" + c.clientId())).orElse("urn:renkei:server");
	}

	/** {@code Organization/x} of a reference, without base URL or version; null if it has none. */
	private static String referenceOf(Reference reference) {
		if (reference == null || !reference.hasReference()) {
			return null;
		}
		return reference.getReferenceElement().toUnqualifiedVersionless().getValue();
	}

	private static String versionless(String reference) {
		return new IdType(reference).toUnqualifiedVersionless().getValue();
	}
}
