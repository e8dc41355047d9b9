package jp.renkei.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import jp.renkei.server.AbstractServerIT;
import jp.renkei.server.JpCoreExamples;
import jp.renkei.server.auth.Caller;
import jp.renkei.server.auth.SigningKeys;
import jp.renkei.server.emergency.EmergencyAccessGrant;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit trail over real HTTP with real tokens (signed with the server's key, verified like any
 * other): what each access records, who may read the trail, and that an access the journal cannot
 * record is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTrailIT extends AbstractServerIT {

	private static final String FHIR_JSON = "application/fhir+json";
	private static final String HOSPITAL = "Organization/jp-organization-example-hospital";
	private static final String PRACTITIONER = "Practitioner/jp-practitioner-example-female-1";
	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@Autowired
	SigningKeys signingKeys;
	@Autowired
	AuditMaterializer materializer;
	@Autowired
	AuditJournal journal;
	@Autowired
	DataSource dataSource;

	private final String run = UUID.randomUUID().toString().substring(0, 8);
	private final String patientP = "aud-p-" + run;
	private final String patientQ = "aud-q-" + run;
	private final String labP = "aud-lab-p-" + run;

	/** A token and its jti (the AuditEvent's agent.policy, searchable with {@code AuditEvent?policy=}). */
	record Token(String value, String jti) {}

	@BeforeAll
	void storeTwoPatients() {
		client().transaction().withBundle(JpCoreExamples.asTransaction()).execute();
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (Resource resource : List.<Resource>of(patientRecord(patientP), patientRecord(patientQ), lab(labP, patientP))) {
			transaction.addEntry().setResource(resource).getRequest()
					.setMethod(Bundle.HTTPVerb.PUT).setUrl(resource.fhirType() + "/" + resource.getIdPart());
		}
		client().transaction().withBundle(transaction).execute();
	}

	@Test
	void aReadRecordsUserClientOrganizationAddressPatientAndOutcome() {
		Token doctor = doctor();
		assertThat(call(doctor, "GET", "/Patient/" + patientP, null).statusCode()).isEqualTo(200);

		AuditEvent event = onlyEventOf(doctor);
		assertThat(event.getType().getCode()).isEqualTo("rest");
		assertThat(event.getSubtypeFirstRep().getSystem()).isEqualTo("http://hl7.org/fhir/restful-interaction");
		assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("read");
		assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.R);
		assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
		assertThat(event.getRecorded()).isCloseTo(new Date(), 120_000);
		assertThat(event.getAgentFirstRep().getWho().getReference()).isEqualTo(PRACTITIONER);
		assertThat(event.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo("audit-doctor-" + run);
		assertThat(event.getAgentFirstRep().getRequestor()).isTrue();
		assertThat(event.getAgent().get(1).getWho().getIdentifier().getValue()).isEqualTo("test-clinician-app");
		assertThat(event.getAgent().get(1).getNetwork().getAddress()).isEqualTo("127.0.0.1");
		assertThat(event.getAgent()).extracting(agent -> agent.getWho().getReference()).contains(HOSPITAL);
		assertThat(event.getEntity()).extracting(entity -> entity.getWhat().getReference()).containsExactly("Patient/" + patientP);
		assertThat(event.getEntityFirstRep().getRole().getCode()).isEqualTo("1");
	}

	@Test
	void aSearchRecordsItsQueryAndWhatItReturned() {
		Token doctor = doctor();
		assertThat(call(doctor, "GET", "/Observation?patient=" + patientP, null).statusCode()).isEqualTo(200);

		AuditEvent event = onlyEventOf(doctor);
		assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("search-type");
		assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.E);
		assertThat(event.getEntity()).extracting(entity -> entity.getWhat().getReference())
				.contains("Patient/" + patientP, "Observation/" + labP);
		assertThat(event.getEntity()).filteredOn(entity -> entity.getRole().getCode().equals("24"))
				.singleElement().satisfies(query -> assertThat(query.getDescription()).isEqualTo("Observation?patient=" + patientP));
	}

	@Test
	void failedRequestsAreRecordedToo() {
		Token doctor = doctor();
		assertThat(call(doctor, "GET", "/Observation/aud-missing-" + run, null).statusCode()).isEqualTo(404);
		AuditEvent notFound = onlyEventOf(doctor);
		assertThat(notFound.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
		assertThat(notFound.getOutcomeDesc()).startsWith("HTTP 404");
		assertThat(notFound.getSubtypeFirstRep().getCode()).isEqualTo("read");
		assertThat(notFound.getEntityFirstRep().getWhat().getIdentifier().getValue()).isEqualTo("Observation/aud-missing-" + run);

		Token refused = doctor();
		assertForbidden(call(refused, "GET", "/AuditEvent?patient=" + patientP, null));
		AuditEvent forbidden = onlyEventOf(refused);
		assertThat(forbidden.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
		assertThat(forbidden.getOutcomeDesc()).startsWith("HTTP 403");
	}

	@Test
	void aPatientSeesWhoLookedAtTheirRecordAndNothingAboutOthers() {
		Token doctor = doctor();
		call(doctor, "GET", "/Patient/" + patientP, null);
		materializeAll();
		String doctorsEvent = onlyEventOf(doctor).getIdPart();

		Bundle officerView = bundle(call(privacyOfficer(), "GET", "/AuditEvent?patient=" + patientP + "&_count=500", null));
		assertThat(ids(officerView)).contains(doctorsEvent);

		Bundle ownView = bundle(call(patient(patientP), "GET", "/AuditEvent?patient=" + patientP + "&_count=500", null));
		assertThat(ids(ownView)).contains(doctorsEvent);

		Token other = patient(patientQ);
		HttpResponse<String> othersView = call(other, "GET", "/AuditEvent?patient=" + patientP, null);
		if (othersView.statusCode() == 200) {
			assertThat(ids(bundle(othersView))).doesNotContain(doctorsEvent);
		} else {
			assertThat(othersView.statusCode()).isIn(403, 404);
		}
		HttpResponse<String> othersRead = call(other, "GET", "/AuditEvent/" + doctorsEvent, null);
		assertThat(othersRead.statusCode()).isIn(403, 404);
		assertThat(othersRead.body()).doesNotContain(PRACTITIONER);
	}

	@Test
	void nobodyElseReadsTheTrailNotEvenThroughIncludes() {
		Token doctor = doctor();
		call(doctor, "GET", "/Patient/" + patientP, null);
		materializeAll();
		String event = onlyEventOf(doctor).getIdPart();

		assertForbidden(call(doctor(), "GET", "/AuditEvent?patient=" + patientP, null));
		assertForbidden(call(doctor(), "GET", "/AuditEvent/" + event, null));
		assertForbidden(send("GET", "/AuditEvent?patient=" + patientP, null, null));

		String revinclude = "/Patient?_id=" + patientP + "&_revinclude=AuditEvent:patient";
		Bundle officer = bundle(call(privacyOfficer(), "GET", revinclude, null));
		assertThat(resourceTypes(officer)).contains("AuditEvent");
		assertThat(resourceTypes(bundle(call(doctor(), "GET", revinclude, null)))).containsExactly("Patient");
		assertThat(resourceTypes(bundle(send("GET", revinclude, null, null)))).containsExactly("Patient");
		assertThat(resourceTypes(bundle(send("GET", "/Patient/" + patientP + "/$everything?_count=500", null, null))))
				.contains("Patient").doesNotContain("AuditEvent");
	}

	@Test
	void noClientMayWriteAuditEvents() {
		Token doctor = doctor();
		call(doctor, "GET", "/Patient/" + patientP, null);
		AuditEvent existing = onlyEventOf(doctor);
		String id = existing.getIdPart();
		String forged = FHIR.newJsonParser().encodeResourceToString(existing.setId((String) null));

		assertForbidden(send("POST", "/AuditEvent", FHIR_JSON, forged.getBytes(StandardCharsets.UTF_8)));
		assertForbidden(send("PUT", "/AuditEvent/" + id, FHIR_JSON,
				FHIR.newJsonParser().encodeResourceToString(existing.setId(id)).getBytes(StandardCharsets.UTF_8)));
		assertForbidden(send("DELETE", "/AuditEvent/" + id, null, null));
		assertForbidden(send("PATCH", "/AuditEvent/" + id, "application/json-patch+json",
				"[{\"op\":\"replace\",\"path\":\"/outcome\",\"value\":\"8\"}]".getBytes(StandardCharsets.UTF_8)));
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry().setResource(FHIR.newJsonParser().parseResource(AuditEvent.class, forged))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("AuditEvent");
		assertForbidden(send("POST", "", FHIR_JSON, FHIR.newJsonParser().encodeResourceToString(transaction).getBytes(StandardCharsets.UTF_8)));
		assertForbidden(call(privacyOfficer(), "POST", "/AuditEvent", forged));
		assertForbidden(call(privacyOfficer(), "DELETE", "/AuditEvent/" + id, null));

		AuditEvent after = (AuditEvent) FHIR.newJsonParser().parseResource(call(privacyOfficer(), "GET", "/AuditEvent/" + id, null).body());
		assertThat(after.getMeta().getVersionId()).isEqualTo("1");
		assertThat(after.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
	}

	@Test
	void emergencyAccessesAreFoundByPurposeAndReviewedByThePrivacyOfficer() {
		// The emergency-access interceptor (package emergency) sets the window; here the trail records one as it would.
		Instant now = Instant.now();
		EmergencyAccessGrant grant = new EmergencyAccessGrant("win-" + run, "BTG", "意識不明で救急搬送 " + run, patientP,
				"audit-er-" + run, HOSPITAL, now, now.plus(Duration.ofHours(4)), true);
		Caller er = new Caller("test-clinician-app", "audit-er-" + run, Optional.of(PRACTITIONER), Optional.of(HOSPITAL),
				Optional.empty(), Optional.empty(), Set.of("emergency"), Set.of("user/*.rs"), "jti-er-" + run, now.plusSeconds(300));
		String id = UUID.randomUUID().toString();
		AuditEvent emergency = new AuditEventMapper().toAuditEvent(new AuditedRequest(now, ca.uhn.fhir.rest.api.RestOperationTypeEnum.READ,
				null, "Patient", "Patient/" + patientP, "Patient/" + patientP, null, 200, null, Optional.of(er), "127.0.0.1", null,
				Optional.of(grant), null, List.of("Patient/" + patientP), Set.of("Patient/" + patientP)));
		journal.append(id, FHIR.newJsonParser().encodeResourceToString(emergency));
		materializeAll();

		String today = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
		Token officer = privacyOfficer();
		assertThat(ids(bundle(call(officer, "GET", "/AuditEvent?purpose=BTG&date=ge" + today + "&_count=500", null)))).contains(id);
		assertThat(ids(bundle(call(officer, "GET", "/AuditEvent?purpose=ETREAT&date=ge" + today + "&_count=500", null)))).doesNotContain(id);
		String unreviewed = "/AuditEvent?purpose=BTG&_tag=" + encode(AuditEventMapper.REVIEW_STATUS + "|unreviewed") + "&_count=500";
		String reviewed = "/AuditEvent?purpose=BTG&_tag=" + encode(AuditEventMapper.REVIEW_STATUS + "|reviewed") + "&_count=500";
		assertThat(ids(bundle(call(officer, "GET", unreviewed, null)))).contains(id);
		assertThat(ids(bundle(call(patient(patientP), "GET", "/AuditEvent?patient=" + patientP + "&purpose=BTG", null)))).contains(id);

		assertForbidden(call(doctor(), "POST", "/AuditEvent/" + id + "/$review", null));
		HttpResponse<String> review = call(officer, "POST", "/AuditEvent/" + id + "/$review", null);
		assertThat(review.statusCode()).as(review.body()).isEqualTo(200);

		assertThat(ids(bundle(call(officer, "GET", unreviewed, null)))).doesNotContain(id);
		assertThat(ids(bundle(call(officer, "GET", reviewed, null)))).contains(id);
		AuditEvent after = (AuditEvent) FHIR.newJsonParser().parseResource(call(officer, "GET", "/AuditEvent/" + id, null).body());
		assertThat(after.getMeta().getTag(AuditEventMapper.REVIEW_STATUS, "reviewed")).isNotNull();
		assertThat(after.getMeta().getTag(AuditEventMapper.REVIEW_STATUS, "unreviewed")).isNull();
		assertThat(after.getPurposeOfEventFirstRep().getText()).isEqualTo("意識不明で救急搬送 " + run);
		assertThat(after.getEntity()).hasSameSizeAs(emergency.getEntity());

		Token doctor = doctor();
		call(doctor, "GET", "/Patient/" + patientP, null);
		String ordinary = onlyEventOf(doctor).getIdPart();
		assertThat(call(officer, "POST", "/AuditEvent/" + ordinary + "/$review", null).statusCode()).isEqualTo(400);
	}

	@Test
	void aBreakTheGlassAccessIsRecordedWithItsReasonAndARefusedAttemptToo() {
		String reason = "意識不明で救急搬送 " + run;
		Token er = token("audit-er-" + run, PRACTITIONER, List.of("emergency"), "user/*.rs", null);
		HttpResponse<String> access = call(er, "GET", "/Patient/" + patientP, null, java.util.Map.of(
				"X-Purpose-Of-Use", "BTG", "X-Emergency-Reason", encode(reason).replace("+", "%20"),
				"X-Emergency-Patient", "Patient/" + patientP));
		assertThat(access.statusCode()).as(access.body()).isEqualTo(200);
		AuditEvent event = onlyEventOf(er);
		assertThat(event.getPurposeOfEventFirstRep().getCodingFirstRep().getCode()).isEqualTo("BTG");
		assertThat(event.getPurposeOfEventFirstRep().getText()).isEqualTo(reason);
		assertThat(event.getAgentFirstRep().getPurposeOfUseFirstRep().getCodingFirstRep().getCode()).isEqualTo("BTG");
		assertThat(event.getMeta().getTag(AuditEventMapper.REVIEW_STATUS, "unreviewed")).isNotNull();

		Token noRole = doctor();
		HttpResponse<String> refused = call(noRole, "GET", "/Patient/" + patientP, null, java.util.Map.of(
				"X-Purpose-Of-Use", "BTG", "X-Emergency-Reason", "test", "X-Emergency-Patient", "Patient/" + patientP));
		assertForbidden(refused);
		AuditEvent attempt = onlyEventOf(noRole);
		assertThat(attempt.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
		assertThat(attempt.getPurposeOfEventFirstRep().getCodingFirstRep().getCode()).isEqualTo("BTG");
		assertThat(attempt.getMeta().getTag(AuditEventMapper.REVIEW_STATUS, "unreviewed")).isNotNull();

		String unreviewed = "/AuditEvent?purpose=BTG&_tag=" + encode(AuditEventMapper.REVIEW_STATUS + "|unreviewed") + "&_count=500";
		assertThat(ids(bundle(call(privacyOfficer(), "GET", unreviewed, null)))).contains(event.getIdPart(), attempt.getIdPart());
	}

	@Test
	void anAccessTheJournalCannotRecordIsRefused() {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		materializer.stop();
		jdbc.execute("ALTER TABLE " + AuditJournal.TABLE + " RENAME TO " + AuditJournal.TABLE + "_OFF");
		try {
			for (String path : List.of("/Patient/" + patientP, "/Observation?patient=" + patientP)) {
				HttpResponse<String> refused = call(doctor(), "GET", path, null);
				assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
				OperationOutcome outcome = (OperationOutcome) FHIR.newJsonParser().parseResource(refused.body());
				assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
				assertThat(refused.body()).doesNotContain("\"Patient\"", "\"Observation\"", labP, "山田");
			}
			// A write is journaled before it is made: refused, and nothing stored.
			Observation write = lab("aud-never-" + run, patientP);
			HttpResponse<String> refusedWrite = send("PUT", "/Observation/aud-never-" + run, FHIR_JSON,
					FHIR.newJsonParser().encodeResourceToString(write).getBytes(StandardCharsets.UTF_8));
			assertThat(refusedWrite.statusCode()).as(refusedWrite.body()).isEqualTo(503);
		} finally {
			jdbc.execute("ALTER TABLE " + AuditJournal.TABLE + "_OFF RENAME TO " + AuditJournal.TABLE);
			materializer.start();
		}
		assertThat(call(doctor(), "GET", "/Patient/" + patientP, null).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/Observation/aud-never-" + run, null, null).statusCode()).isEqualTo(404);
	}

	@Test
	void rowsLeftPendingAreMaterializedWhenTheMaterializerStartsAgain() throws InterruptedException {
		materializer.stop();
		Token doctor = doctor();
		try {
			assertThat(call(doctor, "GET", "/Patient/" + patientP, null).statusCode()).isEqualTo(200);
			Long pending = new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM " + AuditJournal.TABLE
					+ " WHERE MATERIALIZED_AT IS NULL AND EVENT_JSON LIKE ?", Long.class, "%" + doctor.jti() + "%");
			assertThat(pending).isEqualTo(1);
			assertThat(eventsOf(doctor)).isEmpty();
		} finally {
			materializer.start();
		}
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		List<AuditEvent> events = eventsOf(doctor);
		while (events.isEmpty() && Instant.now().isBefore(deadline)) {
			Thread.sleep(250);
			events = eventsOf(doctor);
		}
		assertThat(events).hasSize(1);
		assertThat(events.get(0).getEntityFirstRep().getWhat().getReference()).isEqualTo("Patient/" + patientP);
	}

	// --- helpers

	private AuditEvent onlyEventOf(Token token) {
		materializeAll();
		List<AuditEvent> events = eventsOf(token);
		assertThat(events).as("AuditEvents of token " + token.jti()).hasSize(1);
		return events.get(0);
	}

	private List<AuditEvent> eventsOf(Token token) {
		Bundle found = bundle(call(privacyOfficer(), "GET", "/AuditEvent?policy=" + encode(token.jti()), null));
		return found.getEntry().stream().map(entry -> (AuditEvent) entry.getResource()).toList();
	}

	/** Runs the materializer until the journal holds nothing pending (bounded). */
	private void materializeAll() {
		for (int pass = 0; pass < 50 && journal.pendingCount() > 0; pass++) {
			materializer.materializePending();
		}
		assertThat(journal.pendingCount()).isZero();
	}

	private Token doctor() {
		return token("audit-doctor-" + run, PRACTITIONER, List.of(), "user/*.rs", null);
	}

	private Token privacyOfficer() {
		return token("audit-privacy-" + run, PRACTITIONER, List.of(AuditEventProtection.PRIVACY_OFFICER), "user/*.rs", null);
	}

	private Token patient(String patientId) {
		return token("audit-patient-" + patientId, "Patient/" + patientId, List.of(), "patient/*.rs", patientId);
	}

	private Token token(String subject, String fhirUser, List<String> roles, String scope, String patient) {
		String fhirBase = authOrigin() + "/fhir";
		String jti = UUID.randomUUID().toString();
		Instant now = Instant.now();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
				.issuer(fhirBase).subject(subject).audience(fhirBase)
				.issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
				.jwtID(jti)
				.claim("client_id", patient == null ? "test-clinician-app" : "test-patient-app")
				.claim("scope", scope)
				.claim("fhirUser", fhirUser);
		if (patient == null) {
			claims.claim("organization", HOSPITAL);
		} else {
			claims.claim("patient", patient);
		}
		if (!roles.isEmpty()) {
			claims.claim("roles", roles);
		}
		RSAKey key = signingKeys.activeKey();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
				.type(new JOSEObjectType("at+jwt")).build(), claims.build());
		try {
			jwt.sign(new RSASSASigner(key));
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
		return new Token(jwt.serialize(), jti);
	}

	private HttpResponse<String> call(Token token, String method, String path, String body) {
		return call(token, method, path, body, java.util.Map.of());
	}

	private HttpResponse<String> call(Token token, String method, String path, String body, java.util.Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
				.timeout(Duration.ofSeconds(120))
				.header("Accept", FHIR_JSON)
				// HAPI reuses the results of an identical search for a minute; the trail changes between calls.
				.header("Cache-Control", "no-cache")
				.header("Authorization", "Bearer " + token.value())
				.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (body != null) {
			request.header("Content-Type", FHIR_JSON);
		}
		headers.forEach(request::header);
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static void assertForbidden(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
		OperationOutcome outcome = (OperationOutcome) FHIR.newJsonParser().parseResource(response.body());
		assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
	}

	private static Bundle bundle(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return (Bundle) FHIR.newJsonParser().parseResource(response.body());
	}

	private static List<String> ids(Bundle bundle) {
		return bundle.getEntry().stream().map(entry -> entry.getResource().getIdElement().getIdPart()).toList();
	}

	private static List<String> resourceTypes(Bundle bundle) {
		return bundle.getEntry().stream().map(entry -> entry.getResource().fhirType()).distinct().toList();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static Patient patientRecord(String id) {
		Patient patient = (Patient) example("Patient-jp-patient-example-1.json");
		patient.setId(id);
		patient.getIdentifierFirstRep().setValue(id);
		patient.setManagingOrganization(new Reference(HOSPITAL));
		return patient;
	}

	private static Observation lab(String id, String patient) {
		Observation observation = (Observation) example("Observation-jp-observation-vitalsigns-example-1.json");
		observation.setId(id);
		observation.setEncounter(null);
		observation.setSubject(new Reference("Patient/" + patient));
		return observation;
	}

	private static Resource example(String file) {
		return JpCoreExamples.parse(AbstractServerIT.fhirPackages().resolve("jp-core-examples").resolve(file));
	}
}
