package jp.renkei.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.renkei.server.access.RequestCaller;
import jp.renkei.server.auth.Caller;
import jp.renkei.server.emergency.EmergencyAccessGrant;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class AuditEventMapperTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final Instant NOW = Instant.parse("2026-11-23T01:02:03Z");
	private static final Caller DOCTOR = new Caller("er-app", "dr-sato", Optional.of("Practitioner/p1"),
			Optional.of("Organization/h1"), Optional.empty(), Optional.empty(), Set.of("emergency"), Set.of("user/*.rs"),
			"jti-1", NOW.plusSeconds(300));
	private static final Caller BACKEND = new Caller("lab-feed", "lab-feed", Optional.empty(), Optional.of("Organization/h2"),
			Optional.empty(), Optional.empty(), Set.of(), Set.of("system/*.rs"), "jti-2", NOW.plusSeconds(300));

	private final AuditEventMapper mapper = new AuditEventMapper();

	@Test
	void aReadByAPractitionerNamesUserClientOrganizationPatientAndToken() {
		AuditEvent event = mapper.toAuditEvent(request(RestOperationTypeEnum.READ, "Patient", "Patient/pat-1", null, 200, null,
				DOCTOR, Optional.empty(), List.of("Patient/pat-1"), Set.of("Patient/pat-1")));

		assertThat(event.getType().getSystem()).isEqualTo("http://terminology.hl7.org/CodeSystem/audit-event-type");
		assertThat(event.getType().getCode()).isEqualTo("rest");
		assertThat(event.getSubtypeFirstRep().getSystem()).isEqualTo("http://hl7.org/fhir/restful-interaction");
		assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("read");
		assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.R);
		assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
		assertThat(event.getRecorded()).isEqualTo(java.util.Date.from(NOW));
		assertThat(event.getPurposeOfEvent()).isEmpty();
		assertThat(event.getMeta().getTag()).isEmpty();

		AuditEventAgentComponent user = event.getAgent().get(0);
		assertThat(user.getWho().getReference()).isEqualTo("Practitioner/p1");
		assertThat(user.getWho().getIdentifier().getValue()).isEqualTo("dr-sato");
		assertThat(user.getRequestor()).isTrue();
		assertThat(user.getPolicy()).extracting(p -> p.getValue()).containsExactly("jti-1");
		assertThat(user.getRoleFirstRep().getCodingFirstRep().getCode()).isEqualTo("emergency");
		AuditEventAgentComponent client = event.getAgent().get(1);
		assertThat(client.getWho().getIdentifier().getValue()).isEqualTo("er-app");
		assertThat(client.getRequestor()).isFalse();
		assertThat(client.getNetwork().getAddress()).isEqualTo("10.0.0.5");
		assertThat(client.getExtensionByUrl(AuditEventMapper.CLAIMED_FORWARDED_FOR).getValue().primitiveValue()).isEqualTo("203.0.113.7");
		assertThat(event.getAgent().get(2).getWho().getReference()).isEqualTo("Organization/h1");

		assertThat(event.getEntity()).hasSize(1);
		AuditEventEntityComponent patient = event.getEntityFirstRep();
		assertThat(patient.getWhat().getReference()).isEqualTo("Patient/pat-1");
		assertThat(patient.getRole().getCode()).isEqualTo("1");
	}

	@Test
	void aSearchIsAnExecuteWithItsQueryAndEveryResourceReturned() {
		AuditEvent event = mapper.toAuditEvent(request(RestOperationTypeEnum.SEARCH_TYPE, "Observation", null,
				"patient=pat-1&code=血圧", 200, null, DOCTOR, Optional.empty(), List.of("Observation/o1", "Observation/o2"),
				Set.of("Patient/pat-1")));

		assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.E);
		assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("search-type");
		assertThat(event.getEntity()).extracting(e -> e.getWhat().getReference())
				.contains("Patient/pat-1", "Observation/o1", "Observation/o2");
		AuditEventEntityComponent query = event.getEntity().stream().filter(e -> e.getRole().getCode().equals("24")).findFirst().orElseThrow();
		assertThat(new String(query.getQuery(), StandardCharsets.UTF_8)).isEqualTo("Observation?patient=pat-1&code=血圧");
		assertThat(query.getDescription()).isEqualTo("Observation?patient=pat-1&code=血圧");
	}

	@Test
	void failuresAreMinorForClientErrorsAndSeriousForServerErrorsAndNameWhatWasAskedFor() {
		AuditEvent notFound = mapper.toAuditEvent(request(RestOperationTypeEnum.READ, "Observation", "Observation/gone", null, 404,
				"HAPI-0971: Resource Observation/gone is not known", DOCTOR, Optional.empty(), List.of(), Set.of()));
		assertThat(notFound.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
		assertThat(notFound.getOutcomeDesc()).startsWith("HTTP 404: ");
		assertThat(notFound.getEntityFirstRep().getWhat().hasReference()).isFalse();
		assertThat(notFound.getEntityFirstRep().getWhat().getIdentifier().getValue()).isEqualTo("Observation/gone");

		AuditEvent broken = mapper.toAuditEvent(request(RestOperationTypeEnum.READ, "Observation", "Observation/x", null, 500,
				"boom", DOCTOR, Optional.empty(), List.of(), Set.of()));
		assertThat(broken.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._8);
	}

	@Test
	void anEmergencyAccessCarriesItsPurposeAndReasonAndIsFlaggedForReview() {
		EmergencyAccessGrant grant = new EmergencyAccessGrant("win-1", "BTG", "意識不明で救急搬送", "pat-1", "dr-sato",
				"Organization/h1", NOW, NOW.plusSeconds(4 * 3600), true);
		AuditEvent event = mapper.toAuditEvent(request(RestOperationTypeEnum.READ, "Patient", "Patient/pat-1", null, 200, null,
				DOCTOR, Optional.of(grant), List.of("Patient/pat-1"), Set.of("Patient/pat-1")));

		assertThat(event.getPurposeOfEventFirstRep().getCodingFirstRep().getSystem()).isEqualTo(EmergencyAccessGrant.PURPOSE_OF_USE_SYSTEM);
		assertThat(event.getPurposeOfEventFirstRep().getCodingFirstRep().getCode()).isEqualTo("BTG");
		assertThat(event.getPurposeOfEventFirstRep().getText()).isEqualTo("意識不明で救急搬送");
		assertThat(event.getAgentFirstRep().getPurposeOfUseFirstRep().getCodingFirstRep().getCode()).isEqualTo("BTG");
		assertThat(event.getMeta().getTag(AuditEventMapper.REVIEW_STATUS, "unreviewed")).isNotNull();
		AuditEventEntityComponent window = event.getEntity().stream()
				.filter(e -> AuditEventMapper.EMERGENCY_ACCESS_SYSTEM.equals(e.getWhat().getIdentifier().getSystem()))
				.findFirst().orElseThrow();
		assertThat(window.getWhat().getIdentifier().getValue()).isEqualTo("win-1");
		assertThat(window.getDescription()).isEqualTo("意識不明で救急搬送");
	}

	@Test
	void aRefusedEmergencyAttemptIsOnTheWorkListToo() {
		AuditedRequest refused = request(RestOperationTypeEnum.READ, "Patient", "Patient/pat-1", null, 403, "no emergency role",
				DOCTOR, Optional.empty(), List.of(), Set.of("Patient/pat-1"));
		AuditEvent event = mapper.toAuditEvent(new AuditedRequest(refused.recorded(), refused.operation(), null, refused.resourceType(),
				refused.requestedId(), refused.requestPath(), null, 403, refused.failure(), refused.caller(), refused.remoteAddress(),
				null, Optional.empty(), "BTG", refused.resources(), refused.patients()));
		assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
		assertThat(event.getPurposeOfEventFirstRep().getCodingFirstRep().getCode()).isEqualTo("BTG");
		assertThat(event.getMeta().getTag(AuditEventMapper.REVIEW_STATUS, "unreviewed")).isNotNull();
	}

	@Test
	void aJournaledWriteWithoutItsOutcomeSaysSo() {
		AuditEvent event = mapper.toAuditEvent(request(RestOperationTypeEnum.CREATE, "Observation", null, null, 0, null,
				BACKEND, Optional.empty(), List.of(), Set.of()));
		assertThat(event.hasOutcome()).isFalse();
		assertThat(event.getOutcomeDesc()).startsWith("Outcome not recorded");
	}

	@Test
	void aBackendSystemIsTheRequestingClientWithTheToken() {
		AuditEvent event = mapper.toAuditEvent(request(RestOperationTypeEnum.CREATE, "Observation", null, null, 201, null,
				BACKEND, Optional.empty(), List.of("Observation/o1"), Set.of("Patient/pat-1")));

		assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.C);
		AuditEventAgentComponent client = event.getAgentFirstRep();
		assertThat(client.getType().getCodingFirstRep().getCode()).isEqualTo("110153");
		assertThat(client.getWho().getIdentifier().getValue()).isEqualTo("lab-feed");
		assertThat(client.getRequestor()).isTrue();
		assertThat(client.getPolicy()).extracting(p -> p.getValue()).containsExactly("jti-2");
		assertThat(event.getAgent()).extracting(a -> a.getWho().getReference()).contains("Organization/h2");
	}

	@Test
	void aDeleteNamesTheDeletedResourceWithoutReferencingIt() {
		AuditEvent event = mapper.toAuditEvent(request(RestOperationTypeEnum.DELETE, "Observation", "Observation/o1", null, 200, null,
				BACKEND, Optional.empty(), List.of("Observation/o1"), Set.of("Patient/pat-1")));
		assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.D);
		assertThat(event.getEntity()).filteredOn(e -> e.getRole().getCode().equals("4"))
				.singleElement().satisfies(e -> {
					assertThat(e.getWhat().hasReference()).isFalse();
					assertThat(e.getWhat().getIdentifier().getValue()).isEqualTo("Observation/o1");
				});
	}

	@Test
	void theInterceptorDescribesWhatWasReturnedAndWhichPatientsItBelongsTo() {
		RequestCaller callers = new RequestCaller() {
			@Override
			public Optional<Caller> of(RequestDetails request) {
				return Optional.of(DOCTOR);
			}
		};
		AuditTrailInterceptor interceptor = new AuditTrailInterceptor(callers, FHIR, null, mapper, new PatientCompartment(FHIR),
				java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC));
		MockHttpServletRequest servlet = new MockHttpServletRequest("GET", "/fhir/Observation");
		servlet.setRemoteAddr("192.0.2.10");
		servlet.addHeader("X-Forwarded-For", "198.51.100.1");
		ServletRequestDetails request = new ServletRequestDetails();
		request.setServletRequest(servlet);
		request.setRequestType(RequestTypeEnum.GET);
		request.setRestOperationType(RestOperationTypeEnum.SEARCH_TYPE);
		request.setResourceName("Observation");
		request.setRequestPath("Observation");
		request.setParameters(Map.of("patient", new String[] {"pat-1"}));
		Observation found = new Observation();
		found.setId(new IdType("Observation", "o9", "3"));
		found.setSubject(new Reference("Patient/pat-2"));
		Bundle bundle = new Bundle();
		bundle.addEntry().setResource(found);

		AuditTrailInterceptor.AccessedResources accessed = new AuditTrailInterceptor.AccessedResources();
		ResponseDetails response = new ResponseDetails(bundle);
		AuditedRequest audited = interceptor.describe(request, 200, null, collect(interceptor, response, accessed));

		assertThat(audited.resources()).containsExactly("Observation/o9");
		assertThat(audited.patients()).containsExactlyInAnyOrder("Patient/pat-1", "Patient/pat-2");
		assertThat(audited.query()).isEqualTo("patient=pat-1");
		assertThat(audited.requestPath()).isEqualTo("Observation?patient=pat-1");
		assertThat(audited.remoteAddress()).isEqualTo("192.0.2.10");
		assertThat(audited.forwardedFor()).isEqualTo("198.51.100.1");
		assertThat(audited.caller()).contains(DOCTOR);
		assertThat(audited.recorded()).isEqualTo(NOW);
	}

	@Test
	void aCreateIsDescribedBeforeItIsMade() {
		RequestCaller callers = new RequestCaller() {
			@Override
			public Optional<Caller> of(RequestDetails request) {
				return Optional.of(BACKEND);
			}
		};
		AuditTrailInterceptor interceptor = new AuditTrailInterceptor(callers, FHIR, null, mapper, new PatientCompartment(FHIR),
				java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC));
		MockHttpServletRequest servlet = new MockHttpServletRequest("POST", "/fhir/Basic");
		ServletRequestDetails request = new ServletRequestDetails();
		request.setServletRequest(servlet);
		request.setRequestType(RequestTypeEnum.POST);
		request.setRestOperationType(RestOperationTypeEnum.CREATE);
		request.setResourceName("Basic");
		request.setRequestPath("Basic");
		AuditedRequest audited = interceptor.describe(request, 0, null, new AuditTrailInterceptor.AccessedResources());
		AuditEvent event = mapper.toAuditEvent(audited);
		assertThat(FHIR.newJsonParser().encodeResourceToString(event)).contains("\"create\"");
	}

	private static AuditTrailInterceptor.AccessedResources collect(AuditTrailInterceptor interceptor, ResponseDetails response,
			AuditTrailInterceptor.AccessedResources accessed) {
		interceptor.collect(response.getResponseResource(), accessed);
		return accessed;
	}

	private static AuditedRequest request(RestOperationTypeEnum operation, String type, String id, String query, int status,
			String failure, Caller caller, Optional<EmergencyAccessGrant> emergency, List<String> resources, Set<String> patients) {
		String path = query == null ? type : type + "?" + query;
		return new AuditedRequest(NOW, operation, null, type, id, path, query, status, failure, Optional.of(caller),
				"10.0.0.5", "203.0.113.7", emergency, null, resources, patients);
	}
}
