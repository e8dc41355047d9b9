package jp.renkei.server.audit;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Set;
import java.util.TreeSet;
import jp.renkei.server.auth.Caller;
import jp.renkei.server.emergency.EmergencyAccessGrant;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentNetworkType;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * Turns an {@link AuditedRequest} into an AuditEvent following IHE Basic Audit Log Patterns (BALP):
 * type {@code rest}, the RESTful interaction as subtype, the user, client, organization and server as
 * agents (the token's {@code jti} as the user's {@code policy}), the patients, the resources and the
 * query as entities, the emergency purpose of use with its reason. Emergency accesses are tagged
 * {@code unreviewed} for the privacy officer's work list.
 */
public class AuditEventMapper {

	public static final String AUDIT_EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
	public static final String RESTFUL_INTERACTION = "http://hl7.org/fhir/restful-interaction";
	public static final String OPERATION_NAME = "http://renkei.example.jp/fhir/CodeSystem/fhir-operation";
	public static final String REVIEW_STATUS = "http://renkei.example.jp/fhir/CodeSystem/review-status";
	public static final String USER_SYSTEM = "http://renkei.example.jp/fhir/sid/user";
	public static final String CLIENT_SYSTEM = "http://renkei.example.jp/fhir/sid/oauth-client";
	public static final String ROLE_SYSTEM = "http://renkei.example.jp/fhir/CodeSystem/renkei-user-role";
	public static final String REQUESTED_RESOURCE_SYSTEM = "http://renkei.example.jp/fhir/sid/requested-resource";
	public static final String EMERGENCY_ACCESS_SYSTEM = "http://renkei.example.jp/fhir/sid/emergency-access";
	public static final String CLAIMED_FORWARDED_FOR =
			"http://renkei.example.jp/fhir/StructureDefinition/claimed-forwarded-for";
	static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
	static final String PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
	static final String ROLE_CLASS = "http://terminology.hl7.org/CodeSystem/v3-RoleClass";
	static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
	static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
	static final String SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";
	static final String SERVER_NAME = "Renkei FHIR server";
	/** {@code entity.detail.type} naming, for a resource that is patient data, the patient it belongs to ({@code Patient/id}). */
	public static final String OWNER_DETAIL = "patient-compartment";
	private static final java.util.Set<String> EMERGENCY_PURPOSES = java.util.Set.of("BTG", "ETREAT");

	public AuditEvent toAuditEvent(AuditedRequest request) {
		AuditEvent event = new AuditEvent();
		event.setType(new Coding(AUDIT_EVENT_TYPE, "rest", "RESTful Operation"));
		event.addSubtype(new Coding(RESTFUL_INTERACTION, subtype(request.operation()), null));
		if (request.operationName() != null) {
			event.addSubtype(new Coding(OPERATION_NAME, request.operationName(), null));
		}
		event.setAction(action(request.operation()));
		event.setRecorded(Date.from(request.recorded()));
		if (request.status() == 0) {
			// Journaled before a write: replaced by the final record when the request completes.
			event.setOutcomeDesc("Outcome not recorded: the request did not complete its audit record");
		} else {
			event.setOutcome(outcome(request.status()));
		}
		if (request.failed()) {
			String failure = request.failure() == null ? "" : ": " + request.failure();
			event.setOutcomeDesc(truncate("HTTP " + request.status() + failure, 1000));
		}
		request.emergency().ifPresent(grant -> {
			event.addPurposeOfEvent(purpose(grant));
			event.getMeta().addTag(REVIEW_STATUS, "unreviewed", "Emergency access not yet reviewed");
		});
		if (request.emergency().isEmpty() && request.claimedPurpose() != null && EMERGENCY_PURPOSES.contains(request.claimedPurpose())) {
			// An emergency access asked for but not granted: on the privacy officer's work list too.
			CodeableConcept claimed = new CodeableConcept(new Coding(EmergencyAccessGrant.PURPOSE_OF_USE_SYSTEM, request.claimedPurpose(), null));
			claimed.setText("asked for, not granted");
			event.addPurposeOfEvent(claimed);
			event.getMeta().addTag(REVIEW_STATUS, "unreviewed", "Emergency access not yet reviewed");
		}
		addAgents(event, request);
		event.getSource().setSite("renkei")
				.setObserver(new Reference().setDisplay(SERVER_NAME))
				.addType(new Coding(SOURCE_TYPE, "4", "Application Server"));
		addEntities(event, request);
		return event;
	}

	static String subtype(RestOperationTypeEnum operation) {
		if (operation == null) {
			return "operation";
		}
		return switch (operation) {
			case READ -> "read";
			case VREAD -> "vread";
			case SEARCH_TYPE -> "search-type";
			case SEARCH_SYSTEM -> "search-system";
			case GET_PAGE -> "search";
			case HISTORY_INSTANCE -> "history-instance";
			case HISTORY_TYPE -> "history-type";
			case HISTORY_SYSTEM -> "history-system";
			case CREATE -> "create";
			case UPDATE -> "update";
			case PATCH -> "patch";
			case DELETE -> "delete";
			case TRANSACTION -> "transaction";
			case BATCH -> "batch";
			case METADATA -> "capabilities";
			default -> "operation";
		};
	}

	static AuditEventAction action(RestOperationTypeEnum operation) {
		if (operation == null) {
			return AuditEventAction.E;
		}
		return switch (operation) {
			case CREATE -> AuditEventAction.C;
			case READ, VREAD, HISTORY_INSTANCE, HISTORY_TYPE, HISTORY_SYSTEM, META, GET_TAGS -> AuditEventAction.R;
			case UPDATE, PATCH, META_ADD, META_DELETE, ADD_TAGS, DELETE_TAGS, UPDATE_REWRITE_HISTORY -> AuditEventAction.U;
			case DELETE -> AuditEventAction.D;
			default -> AuditEventAction.E;
		};
	}

	static AuditEventOutcome outcome(int status) {
		if (status >= 500) {
			return AuditEventOutcome._8;
		}
		return status >= 400 ? AuditEventOutcome._4 : AuditEventOutcome._0;
	}

	private static CodeableConcept purpose(EmergencyAccessGrant grant) {
		String display = "BTG".equals(grant.purposeOfUse()) ? "break the glass" : "emergency treatment";
		CodeableConcept purpose = new CodeableConcept(new Coding(EmergencyAccessGrant.PURPOSE_OF_USE_SYSTEM, grant.purposeOfUse(), display));
		purpose.setText(grant.reason());
		return purpose;
	}

	private static void addAgents(AuditEvent event, AuditedRequest request) {
		Caller caller = request.caller().orElse(null);
		boolean user = caller != null && !caller.isSystem();
		if (user) {
			AuditEventAgentComponent agent = event.addAgent()
					.setType(new CodeableConcept(new Coding(PARTICIPATION_TYPE, "IRCP", "information recipient")))
					.setWho(new Reference(caller.fhirUser().orElse(null))
							.setIdentifier(new Identifier().setSystem(USER_SYSTEM).setValue(caller.subject())))
					.setAltId(caller.subject())
					.setRequestor(true);
			agent.addPolicy(caller.tokenId());
			for (String role : new TreeSet<>(caller.roles())) {
				agent.addRole(new CodeableConcept(new Coding(ROLE_SYSTEM, role, null)));
			}
			request.emergency().ifPresent(grant -> agent.addPurposeOfUse(purpose(grant)));
		}
		AuditEventAgentComponent client = event.addAgent()
				.setType(new CodeableConcept(new Coding(DICOM, "110153", "Source Role ID")))
				.setRequestor(!user);
		if (caller != null) {
			client.setWho(new Reference().setIdentifier(new Identifier().setSystem(CLIENT_SYSTEM).setValue(caller.clientId())));
			if (!user) {
				client.addPolicy(caller.tokenId());
			}
		} else {
			client.setWho(new Reference().setDisplay("unauthenticated client"));
		}
		if (request.remoteAddress() != null) {
			client.getNetwork().setAddress(request.remoteAddress()).setType(AuditEventAgentNetworkType._2);
		}
		if (request.forwardedFor() != null && !request.forwardedFor().isBlank()) {
			client.addExtension(CLAIMED_FORWARDED_FOR, new StringType(truncate(request.forwardedFor(), 500)));
		}
		if (caller != null && caller.organization().isPresent()) {
			event.addAgent()
					.setType(new CodeableConcept(new Coding(ROLE_CLASS, "PROV", "healthcare provider")))
					.setWho(new Reference(caller.organization().get()))
					.setRequestor(false);
		}
		event.addAgent()
				.setType(new CodeableConcept(new Coding(DICOM, "110152", "Destination Role ID")))
				.setWho(new Reference().setDisplay(SERVER_NAME))
				.setRequestor(false);
	}

	private static void addEntities(AuditEvent event, AuditedRequest request) {
		for (String patient : new TreeSet<>(request.patients())) {
			event.addEntity()
					.setWhat(new Reference(patient))
					.setType(new Coding(ENTITY_TYPE, "1", "Person"))
					.setRole(new Coding(OBJECT_ROLE, "1", "Patient"));
		}
		boolean deleted = request.operation() == RestOperationTypeEnum.DELETE;
		for (String resource : request.resources()) {
			if (request.patients().contains(resource)) {
				continue;
			}
			AuditEventEntityComponent entity = event.addEntity()
					.setType(new Coding(ENTITY_TYPE, "2", "System Object"))
					.setRole(new Coding(OBJECT_ROLE, "4", "Domain Resource"));
			// A deleted resource cannot be referenced any more: it is named, not linked.
			entity.setWhat(deleted ? logical(resource) : new Reference(resource));
			for (String owner : new TreeSet<>(request.owners().getOrDefault(resource, Set.of()))) {
				entity.addDetail().setType(OWNER_DETAIL).setValue(new StringType(owner));
			}
		}
		if (request.resources().isEmpty() && request.requestedId() != null && !request.patients().contains(request.requestedId())) {
			// Nothing was returned (refused, not found, deleted): name what was asked for.
			event.addEntity()
					.setWhat(logical(request.requestedId()))
					.setType(new Coding(ENTITY_TYPE, "2", "System Object"))
					.setRole(new Coding(OBJECT_ROLE, "4", "Domain Resource"))
					.setDescription(request.requestedId());
		}
		if (request.query() != null && !request.query().isBlank()) {
			String query = request.requestPath();
			event.addEntity()
					.setType(new Coding(ENTITY_TYPE, "2", "System Object"))
					.setRole(new Coding(OBJECT_ROLE, "24", "Query"))
					.setQuery(query.getBytes(StandardCharsets.UTF_8))
					.setDescription(truncate(query, 4000));
		}
		request.emergency().ifPresent(grant -> {
			AuditEventEntityComponent window = event.addEntity()
					.setWhat(new Reference().setIdentifier(new Identifier().setSystem(EMERGENCY_ACCESS_SYSTEM).setValue(grant.id())))
					.setType(new Coding(ENTITY_TYPE, "4", "Other"))
					.setRole(new Coding(OBJECT_ROLE, "13", "Security Resource"))
					.setDescription(grant.reason());
			window.addDetail().setType("patient").setValue(new StringType("Patient/" + grant.patientId()));
			window.addDetail().setType("opened-at").setValue(new StringType(grant.openedAt().toString()));
			window.addDetail().setType("expires-at").setValue(new StringType(grant.expiresAt().toString()));
			window.addDetail().setType("opened-by-this-request").setValue(new StringType(Boolean.toString(grant.openedByThisRequest())));
		});
	}

	/** A reference by identifier only, for a resource that may not exist (any more). */
	static Reference logical(String reference) {
		return new Reference().setIdentifier(new Identifier().setSystem(REQUESTED_RESOURCE_SYSTEM).setValue(reference))
				.setDisplay(reference);
	}

	private static String truncate(String text, int length) {
		return text.length() <= length ? text : text.substring(0, length);
	}
}
