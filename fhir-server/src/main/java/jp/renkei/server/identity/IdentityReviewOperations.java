package jp.renkei.server.identity;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import jp.renkei.server.access.RequestCaller;
import jp.renkei.server.auth.Caller;
import jp.renkei.server.config.FhirServerProvider;
import jp.renkei.server.consent.RegionConsentInterceptor;
import jp.renkei.server.consent.RegionConsentService;
import jp.renkei.server.consent.RegionOperators;
import jp.renkei.server.identity.IdentityLinker.Candidate;
import jp.renkei.server.identity.IdentityStore.IndexedRecord;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * Review and reversal of the regional identity, for privacy officers (role {@code privacy-officer})
 * and region operators ({@link RegionOperators}); anyone else gets 403:
 *
 * <ul>
 *   <li>{@code GET /fhir/Patient/{id}/$identity}: the record's person ({@code person}, an Identifier
 *       in {@value #PERSON_SYSTEM}), its linked records ({@code link}: {@code record}, {@code facility},
 *       {@code kind} new/auto/confirmed, {@code score}) and the possible matches a reviewer should look
 *       at ({@code possibleMatch}: records of other persons scoring at least the review threshold that
 *       no reviewer separated from it).</li>
 *   <li>{@code POST /fhir/Patient/{id}/$link} ({@code other}: Reference to Patient/x): x's record joins
 *       id's person, confirmed; a separation recorded between the two is lifted.</li>
 *   <li>{@code POST /fhir/Patient/{id}/$unlink}: the record becomes a person of its own, and is recorded
 *       as separated from every record it leaves, so they are never linked automatically again.</li>
 * </ul>
 * Both changes answer with the record's {@code $identity}. The audit trail records every call.
 *
 * <p>A reviewer under consent (a facility's privacy officer) sees and links only records consent lets
 * them see: other records are left out of the answer, and linking one is answered like an unknown id
 * (404). Region operators, not under consent, review the whole region.
 */
@Component
public class IdentityReviewOperations implements FhirServerProvider {

	public static final String IDENTITY = "$identity";
	public static final String LINK = "$link";
	public static final String UNLINK = "$unlink";
	public static final Set<String> OPERATIONS = Set.of(IDENTITY, LINK, UNLINK);
	public static final String PERSON_SYSTEM = "http://renkei.example.jp/fhir/sid/regional-person";
	static final String PRIVACY_OFFICER = "privacy-officer";

	private final IdentityStore store;
	private final IdentityLinker linker;
	private final IdentityProperties properties;
	private final RequestCaller callers;
	private final RegionOperators operators;
	private final RegionConsentService consent;
	private final DaoRegistry daos;

	public IdentityReviewOperations(IdentityStore store, IdentityLinker linker, IdentityProperties properties,
			RequestCaller callers, RegionOperators operators, RegionConsentService consent, DaoRegistry daos) {
		this.consent = consent;
		this.daos = daos;
		this.store = store;
		this.linker = linker;
		this.properties = properties;
		this.callers = callers;
		this.operators = operators;
	}

	@Operation(name = IDENTITY, type = Patient.class, idempotent = true)
	public Parameters identity(@IdParam IdType patientId, RequestDetails request) {
		requireReviewer(request);
		return describe(indexed(patientId.getIdPart()), visibleTo(request));
	}

	@Operation(name = LINK, type = Patient.class, idempotent = false)
	public Parameters link(
			@IdParam IdType patientId,
			@OperationParam(name = "other", min = 1, max = 1) Reference other,
			RequestDetails request) {
		requireReviewer(request);
		if (other == null || !other.hasReference()) {
			throw new InvalidRequestException("$link needs the parameter 'other' (valueReference Patient/<id>)");
		}
		IdType otherId = new IdType(other.getReference());
		if (!"Patient".equals(otherId.getResourceType()) || !otherId.hasIdPart()) {
			throw new InvalidRequestException("$link: 'other' must reference a Patient (Patient/<id>), not " + other.getReference());
		}
		String id = patientId.getIdPart();
		if (otherId.getIdPart().equals(id)) {
			throw new InvalidRequestException("$link: 'other' must be another Patient record than Patient/" + id);
		}
		indexed(id);
		indexed(otherId.getIdPart());
		Predicate<String> visible = visibleTo(request);
		if (!visible.test(otherId.getIdPart())) {
			throw new ResourceNotFoundException(new IdType("Patient", otherId.getIdPart()));
		}
		linker.confirmLink(id, otherId.getIdPart());
		return describe(indexed(id), visible);
	}

	@Operation(name = UNLINK, type = Patient.class, idempotent = false)
	public Parameters unlink(@IdParam IdType patientId, RequestDetails request) {
		Optional<Caller> caller = requireReviewer(request);
		String id = patientId.getIdPart();
		indexed(id);
		linker.separate(id, caller.map(c -> c.fhirUser().orElse("urn:renkei:client:" + c.clientId())).orElse("urn:renkei:server"));
		return describe(indexed(id), visibleTo(request));
	}

	/** Which Patient records the caller may see: all for callers not under consent, else consent decides. */
	private Predicate<String> visibleTo(RequestDetails request) {
		if (!RegionConsentInterceptor.isUnderConsent(request)) {
			return id -> true;
		}
		return id -> {
			try {
				return consent.visible(request, daos.getResourceDao(Patient.class).read(new IdType("Patient", id), new SystemRequestDetails()));
			} catch (ResourceNotFoundException | ResourceGoneException e) {
				return false;
			}
		};
	}

	private Parameters describe(IndexedRecord record, Predicate<String> visible) {
		Parameters parameters = new Parameters();
		parameters.addParameter().setName("person").setValue(new Identifier().setSystem(PERSON_SYSTEM).setValue(record.personId()));
		for (IndexedRecord linked : store.ofPerson(record.personId())) {
			if (!visible.test(linked.patientId())) {
				continue;
			}
			Parameters.ParametersParameterComponent link = parameters.addParameter().setName("link");
			link.addPart().setName("record").setValue(new Reference("Patient/" + linked.patientId()));
			if (linked.evidence().organization() != null) {
				link.addPart().setName("facility").setValue(new Reference(linked.evidence().organization()));
			}
			link.addPart().setName("kind").setValue(new CodeType(linked.kind().code()));
			if (linked.score() != null) {
				link.addPart().setName("score").setValue(new DecimalType(linked.score()));
			}
		}
		Set<String> rejected = store.rejectedWith(record.patientId());
		for (Candidate candidate : linker.scoredCandidates(record.evidence(), record.patientId(), properties.reviewThreshold())) {
			IndexedRecord other = candidate.record();
			if (other.personId().equals(record.personId()) || rejected.contains(other.patientId()) || !visible.test(other.patientId())) {
				continue;
			}
			Parameters.ParametersParameterComponent possible = parameters.addParameter().setName("possibleMatch");
			possible.addPart().setName("record").setValue(new Reference("Patient/" + other.patientId()));
			if (other.evidence().organization() != null) {
				possible.addPart().setName("facility").setValue(new Reference(other.evidence().organization()));
			}
			possible.addPart().setName("score").setValue(new DecimalType(candidate.score()));
			possible.addPart().setName("grade").setValue(new CodeType(properties.grade(candidate.score()).code()));
		}
		return parameters;
	}

	private IndexedRecord indexed(String patientId) {
		return store.find(patientId).orElseThrow(() -> new ResourceNotFoundException(new IdType("Patient", patientId)));
	}

	/** Privacy officers and region operators review identities; the server's own requests (no caller) too. */
	private Optional<Caller> requireReviewer(RequestDetails request) {
		Optional<Caller> caller = callers.of(request);
		if (caller.isPresent() && !caller.get().roles().contains(PRIVACY_OFFICER) && !operators.isRegionOperator(caller.get())) {
			throw new ForbiddenOperationException("Only a privacy officer (role privacy-officer) or a region operator may review"
					+ " and change the regional identity of Patient records");
		}
		return caller;
	}
}
