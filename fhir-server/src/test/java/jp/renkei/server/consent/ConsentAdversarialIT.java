package jp.renkei.server.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import jp.renkei.server.access.AbstractAccessIT;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Adversarial: patient P is registered at facility A and consented to sharing with facility A only.
 * Facility B (a backend system and a clinician of B) and another patient's app try every read path to
 * P's record; nothing of it may come back: no resource, no id, no count, no reference. A itself sees
 * everything it holds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsentAdversarialIT extends AbstractAccessIT {

	private ConsentFixture data;
	private String facilityA;
	private String facilityB;
	private String clinicianB;
	private String writerB;
	private String otherPatient;

	@BeforeAll
	void storeRegion() {
		data = new ConsentFixture();
		facilityA = tokens().facility("cons-system-a", "Organization/" + data.orgA, "system/*.cruds");
		facilityB = tokens().facility("cons-system-b", "Organization/" + data.orgB, "system/*.rs");
		writerB = tokens().facility("cons-system-b", "Organization/" + data.orgB, "system/*.cruds");
		clinicianB = tokens().user("cons-doctor-b", "Practitioner/jp-practitioner-example-male-1", "Organization/" + data.orgB,
				List.of(), "user/*.rs");
		client().transaction().withBundle(jp.renkei.server.JpCoreExamples.asTransaction()).execute();
		client().transaction().withBundle(data.organizations()).execute();
		// A writes P's record and P's consent (permit A only) as facility A; B writes Q and one
		// observation of its own on P's record.
		created(withToken(facilityA, "POST", "/", json(ConsentFixture.transaction(List.of(
				data.patient(data.patientP, data.orgA, ConsentFixture.IDENTIFIER_SYSTEM_A, data.identifierP, data.familyP),
				data.vital(data.obsP1, data.patientP), data.vital(data.obsP2, data.patientP), data.vital(data.obsP3, data.patientP),
				data.consent(data.consentP, data.patientP, data.orgA, ConsentProvisionType.PERMIT, new Date(), "opt-in-per-facility",
						data.orgA))))));
		created(withToken(writerB, "POST", "/", json(ConsentFixture.transaction(List.of(
				data.patient(data.patientQ, data.orgB, "urn:oid:1.2.392.100495.20.3.51.1.9999999902", "Q-" + data.run, "公開"),
				data.vital(data.obsQ, data.patientQ), data.vital(data.obsBonP, data.patientP))))));
		client().update().resource(data.patient(data.patientR, data.orgC, "urn:oid:1.2.392.100495.20.3.51.1.9999999903",
				"R-" + data.run, "別人")).execute();
		otherPatient = tokens().patient(data.patientR, "patient/*.rs");
	}

	@Test
	void theHoldingFacilityIsStampedFromTheWriter() {
		Observation own = resource(getWith(facilityA, "/Observation/" + data.obsP1), Observation.class);
		assertThat(HoldingFacility.of(own)).contains("Organization/" + data.orgA);
		Observation bOnP = resource(getWith(writerB, "/Observation/" + data.obsBonP), Observation.class);
		assertThat(HoldingFacility.of(bOnP)).contains("Organization/" + data.orgB);
	}

	@Test
	void aContainedResourceIsShownWithItsContainerNot500() {
		// B's observation on its own patient Q carries a contained order whose subject is P, whom B may
		// not see: the contained order is part of B's resource (it has no existence of its own), so the
		// observation is shown whole. HAPI's consent interceptor fails with a
		// ConcurrentModificationException (500) if a contained resource is rejected.
		Observation observation = data.vital("cons-obs-contained-" + data.run, data.patientQ);
		org.hl7.fhir.r4.model.ServiceRequest order = new org.hl7.fhir.r4.model.ServiceRequest();
		order.setId("order");
		order.setStatus(org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus.COMPLETED);
		order.setIntent(org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestIntent.ORDER);
		order.setSubject(new org.hl7.fhir.r4.model.Reference("Patient/" + data.patientP));
		observation.addContained(order);
		observation.addBasedOn(new org.hl7.fhir.r4.model.Reference("#order"));
		HttpResponse<String> stored = withToken(writerB, "PUT", "/Observation/" + observation.getIdPart(), json(observation));
		assertThat(stored.statusCode()).as(stored.body()).isIn(200, 201);

		HttpResponse<String> read = getWith(facilityB, "/Observation/" + observation.getIdPart());
		assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
		assertThat(read.body()).contains("\"contained\"");
		HttpResponse<String> search = getWith(facilityB, "/Observation?_id=" + observation.getIdPart());
		assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
		assertThat(ids(bundle(search))).containsExactly(observation.getIdPart());
	}

	@Test
	void theHolderSeesItsOwnRecord() {
		assertThat(getWith(facilityA, "/Patient/" + data.patientP).statusCode()).isEqualTo(200);
		assertThat(ids(bundle(getWith(facilityA, "/Observation?patient=" + data.patientP))))
				.contains(data.obsP1, data.obsP2, data.obsP3);
	}

	@Test
	void directReadsAreAnsweredAsUnknown() {
		for (String token : List.of(facilityB, clinicianB)) {
			for (String path : List.of("/Patient/" + data.patientP, "/Patient/" + data.patientP + "/_history/1",
					"/Observation/" + data.obsP1, "/Observation/" + data.obsP1 + "/_history/1", "/Consent/" + data.consentP)) {
				HttpResponse<String> hidden = getWith(token, path);
				assertThat(hidden.statusCode()).as(path).isEqualTo(404);
				assertNoLeak(hidden);
				HttpResponse<String> unknown = getWith(token, path.replace(data.run, "nonexistent"));
				assertThat(hidden.body().replace(data.run, "nonexistent")).as(path).isEqualTo(unknown.body());
			}
		}
	}

	@Test
	void searchesFindNothingOfP() {
		for (String token : List.of(facilityB, clinicianB)) {
			assertNoLeak(getWith(token, "/Observation?patient=" + data.patientP));
			assertNoLeak(getWith(token, "/Observation?subject=Patient/" + data.patientP + "&_elements=id"));
			assertNoLeak(getWith(token, "/Patient?identifier=" + encode(ConsentFixture.IDENTIFIER_SYSTEM_A + "|" + data.identifierP)));
			assertNoLeak(getWith(token, "/Patient?_id=" + data.patientP));
			assertNoLeak(getWith(token, "/Patient?family=" + encode(data.familyP)));
			assertNoLeak(getWith(token, "/Patient?_content=" + encode(data.familyP)));
			assertNoLeak(getWith(token, "/Consent?patient=" + data.patientP));
			assertNoLeak(getWith(token, "/Observation?_id=" + data.obsP1 + "," + data.obsP2));
			assertNoLeak(getWith(token, "/Patient?organization=" + data.orgA));
		}
	}

	@Test
	void includesFromBsOwnResourcesLeaveOutP() {
		Bundle included = bundle(getWith(facilityB, "/Observation?_id=" + data.obsBonP + "&_include=Observation:subject"));
		assertThat(ids(included)).containsExactly(data.obsBonP);
		assertThat(included.getEntry()).allSatisfy(entry -> assertThat(entry.getFullUrl()).doesNotContain("Patient/" + data.patientP));

		assertNoLeak(getWith(facilityB, "/Patient?_id=" + data.patientP + "&_revinclude=Observation:subject"));
		Bundle organization = bundle(getWith(facilityB, "/Organization?_id=" + data.orgA + "&_revinclude=Patient:organization"));
		assertThat(ids(organization)).containsExactly(data.orgA);
		Bundle own = bundle(getWith(facilityB, "/Patient?_id=" + data.patientQ + "&_revinclude=Observation:subject&_revinclude=Consent:patient"));
		// (leaving out the observation of aContainedResourceIsShownWithItsContainerNot500, also on Q)
		assertThat(ids(own).stream().filter(id -> !id.startsWith("cons-obs-contained-")).toList())
				.containsExactlyInAnyOrder(data.patientQ, data.obsQ);
	}

	@Test
	void chainsAndHasFindNothingOfP() {
		assertNoLeak(getWith(facilityB, "/Observation?subject:Patient.identifier="
				+ encode(ConsentFixture.IDENTIFIER_SYSTEM_A + "|" + data.identifierP)));
		assertNoLeak(getWith(facilityB, "/Observation?patient.family=" + encode(data.familyP)));
		assertNoLeak(getWith(facilityB, "/Patient?_has:Observation:subject:_id=" + data.obsP1));
		assertNoLeak(getWith(facilityB, "/Patient?_has:Consent:patient:_id=" + data.consentP));
		// B's own observation on P matches a chain through P's name or a reverse chain through A's
		// data only because of what B may not see: it must not come back that way.
		assertThat(ids(bundle(getWith(facilityB, "/Observation?patient.family=" + encode(data.familyP))))).isEmpty();
		assertThat(ids(bundle(getWith(facilityB, "/Observation?subject:Patient.identifier="
				+ encode(ConsentFixture.IDENTIFIER_SYSTEM_A + "|" + data.identifierP))))).isEmpty();
		assertThat(ids(bundle(getWith(facilityB, "/Organization?_has:Patient:organization:family=" + encode(data.familyP)))))
				.isEmpty();
		// The same searches over B's own data work.
		assertThat(ids(bundle(getWith(facilityB, "/Observation?patient.family=" + encode("公開"))))).containsExactly(data.obsQ);
		assertThat(ids(bundle(getWith(facilityB, "/Patient?_has:Observation:subject:_id=" + data.obsQ)))).containsExactly(data.patientQ);
		assertThat(ids(bundle(getWith(facilityB, "/Organization?_has:Patient:organization:family=" + encode("公開")))))
				.containsExactly(data.orgB);
	}

	@Test
	void historyAtEveryLevelLeavesOutP() {
		HttpResponse<String> instance = getWith(facilityB, "/Patient/" + data.patientP + "/_history");
		assertThat(instance.statusCode()).isEqualTo(404);
		assertNoLeak(instance);
		assertNoLeak(getWith(facilityB, "/Observation/_history?_count=500"));
		assertNoLeak(getWith(facilityB, "/Patient/_history?_count=500"));
		assertNoLeak(getWith(facilityB, "/_history?_count=500"));
	}

	@Test
	void everythingAndOperationsOnPAreUnknown() {
		HttpResponse<String> everything = getWith(clinicianB, "/Patient/" + data.patientP + "/$everything");
		assertThat(everything.statusCode()).isIn(403, 404);
		assertNoLeak(everything);
		HttpResponse<String> unknown = getWith(clinicianB, "/Patient/nonexistent-" + data.run + "/$everything");
		assertThat(everything.statusCode()).isEqualTo(unknown.statusCode());
	}

	@Test
	void countsDoNotRevealHiddenResources() {
		Bundle count = bundle(getWith(facilityB, "/Observation?patient=" + data.patientP + "&_summary=count"));
		// B sees its own observation on P's record and nothing of A's.
		assertThat(count.getTotal()).isEqualTo(1);
		assertThat(count.getEntry()).isEmpty();
		assertThat(bundle(getWith(facilityA, "/Observation?patient=" + data.patientP + "&_summary=count")).getTotal())
				.isEqualTo(4);
		assertThat(bundle(getWith(facilityB, "/Patient?_id=" + data.patientP + "&_summary=count")).getTotal()).isZero();
		HttpResponse<String> total = getWith(facilityB, "/Observation?patient=" + data.patientP + "&_total=accurate");
		assertThat(total.statusCode()).isEqualTo(200);
		assertNoLeak(total);
		Bundle page = bundle(getWith(facilityB, "/Observation?_count=500&_lastUpdated=ge2000-01-01"));
		assertThat(page.hasTotal() ? page.getTotal() : 0).isLessThanOrEqualTo(page.getEntry().size());
	}

	@Test
	void batchAndTransactionGetEntriesLeaveOutP() {
		for (Bundle.BundleType type : List.of(Bundle.BundleType.BATCH, Bundle.BundleType.TRANSACTION)) {
			Bundle request = new Bundle().setType(type);
			request.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Patient/" + data.patientP);
			request.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Observation?patient=" + data.patientP);
			request.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Observation/" + data.obsP1);
			request.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Observation?patient=" + data.patientQ);
			request.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Patient/" + data.patientQ);
			HttpResponse<String> response = withToken(facilityB, "POST", "/", json(request));
			assertNoLeak(response);
			// Batch entries run in parallel threads over one request's consent caches: none may fail.
			if (response.statusCode() == 200) {
				assertThat(bundle(response).getEntry()).as(response.body())
						.allSatisfy(entry -> assertThat(entry.getResponse().getStatus()).doesNotStartWith("5"));
			}
		}
	}

	@Test
	void conditionalCreateOnAsIdentifierDoesNotRevealP() {
		Patient probe = data.patient(null, data.orgB, ConsentFixture.IDENTIFIER_SYSTEM_A, data.identifierP, "探索");
		probe.setId((String) null);
		HttpResponse<String> created = as("Bearer " + writerB, "POST", "/Patient", json(probe), FHIR_JSON,
				"If-None-Exist", "identifier=" + encode(ConsentFixture.IDENTIFIER_SYSTEM_A + "|" + data.identifierP));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(created.headers().firstValue("Location").orElse("")).doesNotContain(data.patientP);
		assertNoLeak(created);

		Patient update = data.patient(null, data.orgB, ConsentFixture.IDENTIFIER_SYSTEM_A, data.identifierP + "-u", "上書");
		update.setId((String) null);
		HttpResponse<String> conditionalUpdate = withToken(writerB, "PUT",
				"/Patient?identifier=" + encode(ConsentFixture.IDENTIFIER_SYSTEM_A + "|" + data.identifierP), json(update));
		assertThat(conditionalUpdate.statusCode()).as(conditionalUpdate.body()).isIn(200, 201, 412);
		assertThat(conditionalUpdate.headers().firstValue("Location").orElse("")).doesNotContain(data.patientP);
		assertNoLeak(conditionalUpdate);
		// P itself is untouched.
		Patient p = resource(getWith(facilityA, "/Patient/" + data.patientP), Patient.class);
		assertThat(p.getNameFirstRep().getFamily()).isEqualTo(data.familyP);
		assertThat(p.getMeta().getVersionId()).isEqualTo("1");
	}

	@Test
	void writesToPsRecordAreAnsweredAsUnknown() {
		Observation changed = data.vital(data.obsP1, data.patientP);
		HttpResponse<String> update = withToken(writerB, "PUT", "/Observation/" + data.obsP1, json(changed));
		assertThat(update.statusCode()).isEqualTo(404);
		HttpResponse<String> delete = withToken(writerB, "DELETE", "/Observation/" + data.obsP1, null);
		assertThat(delete.statusCode()).isEqualTo(404);
		assertThat(getWith(facilityA, "/Observation/" + data.obsP1).statusCode()).isEqualTo(200);
	}

	@Test
	void aFacilityCannotWriteItselfAConsent() {
		String writer = tokens().facility("cons-system-b", "Organization/" + data.orgB, "system/*.cruds");
		Consent selfServed = data.consent("cons-forged-b-" + data.run, data.patientP, data.orgB, ConsentProvisionType.PERMIT,
				new Date(), "opt-in-per-facility", data.orgB);
		assertForbidden(withToken(writer, "PUT", "/Consent/" + selfServed.getIdPart(), json(selfServed)));
		Consent inAsName = data.consent("cons-forged-a-" + data.run, data.patientP, data.orgA, ConsentProvisionType.PERMIT,
				new Date(), "opt-in-per-facility", data.orgB);
		assertForbidden(withToken(writer, "POST", "/Consent", json(inAsName)));
		Bundle transaction = ConsentFixture.transaction(List.of(selfServed));
		HttpResponse<String> inTransaction = withToken(writer, "POST", "/", json(transaction));
		assertThat(inTransaction.statusCode()).isEqualTo(403);
		assertThat(getWith(facilityB, "/Patient/" + data.patientP).statusCode()).isEqualTo(404);
	}

	@Test
	void anotherPatientsAppLearnsNothing() {
		for (String path : List.of("/Patient/" + data.patientP, "/Observation/" + data.obsP1,
				"/Observation?patient=" + data.patientP, "/Patient/" + data.patientP + "/$everything",
				"/Patient?identifier=" + encode(ConsentFixture.IDENTIFIER_SYSTEM_A + "|" + data.identifierP))) {
			HttpResponse<String> response = getWith(otherPatient, path);
			assertNoLeak(response);
			HttpResponse<String> unknown = getWith(otherPatient, path.replace(data.run, "nonexistent"));
			assertThat(response.statusCode()).as(path).isEqualTo(unknown.statusCode());
		}
	}

	@Test
	void pageLinksReplayedAfterWithdrawalShowNothing() {
		String facilityC = tokens().facility("cons-system-c", "Organization/" + data.orgC, "system/*.rs");
		String patient = data.patientP;
		// P adds C in a newer consent; C pages through P's observations one by one.
		Consent permitC = data.consent("cons-consent-c-" + data.run, patient, data.orgA, ConsentProvisionType.PERMIT,
				new Date(), "opt-in-per-facility", data.orgC);
		created(withToken(facilityA, "PUT", "/Consent/" + permitC.getIdPart(), json(permitC)));
		Bundle first = bundle(getWith(facilityC, "/Observation?patient=" + patient + "&_count=1"));
		assertThat(first.getEntry()).hasSize(1);
		String next = first.getLink("next").getUrl();

		permitC.setStatus(Consent.ConsentState.INACTIVE);
		assertThat(withToken(facilityA, "PUT", "/Consent/" + permitC.getIdPart(), json(permitC)).statusCode()).isEqualTo(200);

		HttpResponse<String> replayed = getWith(facilityC, next);
		assertThat(replayed.statusCode()).isIn(200, 404, 410);
		assertNoLeak(replayed);
		assertNoLeak(getWith(facilityC, "/Observation?patient=" + patient));
		// The holder still sees its own.
		assertThat(ids(bundle(getWith(facilityA, "/Observation?patient=" + patient)))).contains(data.obsP1);
	}

	/**
	 * Nothing of P in the answer: no resource of P's record, no fullUrl, id or reference naming one (B's
	 * own observation on P may reference P: B wrote it), no name, no count beyond what is listed. An
	 * error answer may only echo what the request itself named.
	 */
	private void assertNoLeak(HttpResponse<String> response) {
		String body = response.body();
		assertThat(body).as(body).doesNotContain(data.familyP);
		response.headers().firstValue("Location").ifPresent(value -> assertThat(value).doesNotContain(data.patientP));
		if (!body.contains("\"resourceType\":\"Bundle\"")) {
			return;
		}
		Bundle bundle = (Bundle) FHIR.newJsonParser().parseResource(body);
		assertNothingOfPIn(bundle);
	}

	private void assertNothingOfPIn(Bundle bundle) {
		assertThat(bundle.hasTotal() ? bundle.getTotal() : 0).as("total").isLessThanOrEqualTo(bundle.getEntry().size());
		for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
			if (entry.hasFullUrl()) {
				for (String id : data.protectedIdsOfP()) {
					assertThat(entry.getFullUrl()).doesNotEndWith("/" + id);
				}
			}
			if (entry.hasResponse() && entry.getResponse().hasLocation()) {
				assertThat(entry.getResponse().getLocation()).doesNotContain(data.patientP);
			}
			if (!entry.hasResource()) {
				continue;
			}
			Resource resource = entry.getResource();
			if (resource instanceof Bundle nested) {
				assertNothingOfPIn(nested);
				continue;
			}
			if (resource.getIdElement().getIdPart() != null && resource.getIdElement().getIdPart().equals(data.obsBonP)) {
				continue;
			}
			String encoded = FHIR.newJsonParser().encodeResourceToString(resource);
			if (resource instanceof org.hl7.fhir.r4.model.OperationOutcome) {
				assertThat(encoded).doesNotContain(data.familyP);
				continue;
			}
			for (String id : data.protectedIdsOfP()) {
				assertThat(encoded).as("a resource in the answer mentions " + id + ": " + encoded).doesNotContain(id);
			}
		}
	}

	private static List<String> ids(Bundle bundle) {
		return bundle.getEntry().stream().filter(Bundle.BundleEntryComponent::hasResource)
				.map(entry -> entry.getResource().getIdElement().getIdPart()).toList();
	}

	private static String json(Resource resource) {
		return FHIR.newJsonParser().encodeResourceToString(resource);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static void created(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
	}
}
