package jp.renkei.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Adversarial: patient A's app, with {@code patient/*} scopes, tries to reach patient B through
 * every read path (read, vread, search with includes, chains and {@code _has}, counts, history at
 * every level, {@code $everything}, page links, batch and transaction entries, other operations)
 * and to write into B's record. Nothing of B may come back: no id, no count, no included resource.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PatientCompartmentIT extends AbstractAccessIT {

	private TwoPatients data;
	private String tokenA;
	private String writerA;

	@BeforeAll
	void storeData() {
		data = new TwoPatients().store(client());
		tokenA = tokens().patient(data.patientA, "patient/*.rs");
		writerA = tokens().patient(data.patientA, "patient/*.cruds");
	}

	@Test
	void readAndVreadOfBAreRefused() {
		refusedWithoutB(getWith(tokenA, "/Patient/" + data.patientB));
		refusedWithoutB(getWith(tokenA, "/Patient/" + data.patientB + "/_history/1"));
		refusedWithoutB(getWith(tokenA, "/Observation/" + data.labB));
		refusedWithoutB(getWith(tokenA, "/Observation/" + data.labB + "/_history/1"));
		refusedWithoutB(getWith(tokenA, "/Encounter/" + data.encounterB));
		assertThat(getWith(tokenA, "/Patient/" + data.patientA).statusCode()).isEqualTo(200);
		assertThat(getWith(tokenA, "/Observation/" + data.labA).statusCode()).isEqualTo(200);
	}

	@Test
	void searchesFindOnlyA() {
		assertOnlyA(getWith(tokenA, "/Patient"), data.patientA);
		assertOnlyA(getWith(tokenA, "/Patient?identifier=" + data.patientB));
		assertOnlyA(getWith(tokenA, "/Observation?_id=" + data.labA + "," + data.vitalA + "," + data.labB), data.labA, data.vitalA);
		assertOnlyA(getWith(tokenA, "/Encounter"), data.encounterA);
		assertOnlyA(getWith(tokenA, "/Observation?_lastUpdated=gt2000-01-01"));
		assertThat(ids(bundle(getWith(tokenA, "/Observation")))).contains(data.labA, data.vitalA);
	}

	@Test
	void searchesNamingBAreRefusedOrEmpty() {
		assertNothingOfB(getWith(tokenA, "/Patient?_id=" + data.patientB));
		assertNothingOfB(getWith(tokenA, "/Observation?patient=" + data.patientB));
		assertNothingOfB(getWith(tokenA, "/Observation?subject=Patient/" + data.patientB));
		assertNothingOfB(getWith(tokenA, "/Observation?_id=" + data.labB));
	}

	@Test
	void chainsAndHasReachOnlyA() {
		assertNothingOfB(getWith(tokenA, "/Observation?subject:Patient.identifier=" + data.patientB));
		assertNothingOfB(getWith(tokenA, "/Observation?patient.identifier=" + data.patientB));
		assertOnlyA(getWith(tokenA, "/Patient?_has:Observation:patient:status=final"), data.patientA);
		assertNothingOfB(getWith(tokenA, "/Patient?_has:Observation:patient:_id=" + data.labB));
		assertOnlyA(getWith(tokenA, "/Encounter?patient.identifier=" + data.patientA + "," + data.patientB), data.encounterA);
	}

	@Test
	void includesBringInOnlyA() {
		Bundle included = bundle(getWith(tokenA, "/Observation?_id=" + data.labA + "," + data.vitalA + "&_include=Observation:patient"));
		assertThat(ids(included)).containsExactlyInAnyOrder(data.labA, data.vitalA, data.patientA);

		Bundle revincluded = bundle(getWith(tokenA, "/Patient?_revinclude=Observation:patient&_revinclude=Encounter:patient"));
		assertThat(ids(revincluded)).contains(data.patientA, data.labA, data.vitalA, data.encounterA).doesNotContainAnyElementsOf(data.idsOfB());

		// The shared organization a patient app shows with the record comes along.
		Bundle withOrganization = bundle(getWith(tokenA, "/Patient?_include=Patient:organization"));
		assertThat(ids(withOrganization)).containsExactlyInAnyOrder(data.patientA, "jp-organization-example-hospital");
		assertNothingOfB(getWith(tokenA, "/Patient?_revinclude:iterate=Observation:patient&_include:iterate=Observation:patient"));
	}

	@Test
	void countsCountOnlyA() {
		assertThat(bundle(getWith(tokenA, "/Patient?_summary=count")).getTotal()).isEqualTo(1);
		int observationsOfA = client().search().byUrl("Observation?_summary=count&patient=" + data.patientA)
				.returnBundle(Bundle.class).execute().getTotal();
		assertThat(observationsOfA).isGreaterThanOrEqualTo(2);
		assertThat(bundle(getWith(tokenA, "/Observation?_summary=count")).getTotal()).isEqualTo(observationsOfA);
		assertThat(bundle(getWith(tokenA, "/Observation?_count=0")).getTotal()).isEqualTo(observationsOfA);
		assertThat(bundle(getWith(tokenA, "/Encounter?_summary=count")).getTotal()).isEqualTo(1);
	}

	@Test
	void historyAtEveryLevelStaysWithinA() {
		refusedWithoutB(getWith(tokenA, "/Patient/" + data.patientB + "/_history"));
		refusedWithoutB(getWith(tokenA, "/Observation/" + data.labB + "/_history"));
		refusedWithoutB(getWith(tokenA, "/Observation/_history"));
		refusedWithoutB(getWith(tokenA, "/Observation/_history?_count=0"));
		refusedWithoutB(getWith(tokenA, "/Patient/_history"));
		refusedWithoutB(getWith(tokenA, "/_history"));
		assertOnlyA(getWith(tokenA, "/Patient/" + data.patientA + "/_history"), data.patientA);
	}

	@Test
	void everythingOnlyForA() {
		refusedWithoutB(getWith(tokenA, "/Patient/" + data.patientB + "/$everything"));
		refusedWithoutB(getWith(tokenA, "/Patient/$everything"));
		Bundle everything = bundle(getWith(tokenA, "/Patient/" + data.patientA + "/$everything"));
		assertThat(ids(everything)).contains(data.patientA, data.labA, data.vitalA, data.encounterA, data.specimenA).doesNotContainAnyElementsOf(data.idsOfB());
	}

	@Test
	void pageLinksCannotBeReplayedByAnotherCaller() {
		// A's own paging works.
		Bundle first = bundle(getWith(tokenA, "/Observation?_count=1"));
		String next = first.getLink("next").getUrl();
		assertThat(ids(bundle(getWith(tokenA, next)))).hasSize(1).doesNotContainAnyElementsOf(data.idsOfB());

		// B's app, or A's app with a page link someone else was given, cannot use it.
		String tokenB = tokens().patient(data.patientB, "patient/*.rs");
		refusedWithoutB(getWith(tokenB, next));
		Bundle systemPage = client().search().byUrl("Patient?_count=1&identifier=" + data.patientA + "," + data.patientB)
				.returnBundle(Bundle.class).execute();
		String systemNext = systemPage.getLink("next").getUrl();
		refusedWithoutB(getWith(tokenA, systemNext));
		refusedWithoutB(getWith(tokenA, systemNext.replaceAll("_getpagesoffset=\\d+", "_getpagesoffset=0")));
	}

	@Test
	void batchAndTransactionReadsStayWithinA() {
		Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
		batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Patient/" + data.patientB);
		batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Observation/" + data.labB);
		assertNothingOfB(withToken(tokenA, "POST", "", FHIR.newJsonParser().encodeResourceToString(batch)));

		Bundle batchSearch = new Bundle().setType(Bundle.BundleType.BATCH);
		batchSearch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Observation?_summary=count");
		assertNothingOfB(withToken(tokenA, "POST", "", FHIR.newJsonParser().encodeResourceToString(batchSearch)));

		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Observation?patient=" + data.patientB);
		transaction.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Patient/" + data.patientB);
		assertNothingOfB(withToken(tokenA, "POST", "", FHIR.newJsonParser().encodeResourceToString(transaction)));

		Bundle ownSearch = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		ownSearch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Observation?_summary=count");
		HttpResponse<String> counted = withToken(tokenA, "POST", "", FHIR.newJsonParser().encodeResourceToString(ownSearch));
		assertNothingOfB(counted);
		if (counted.statusCode() == 200) {
			// Answered with A's count, or the entry refused: never a count over other patients.
			Bundle.BundleEntryComponent entry = bundle(counted).getEntryFirstRep();
			if (entry.getResource() instanceof Bundle inner) {
				assertThat(inner.getTotal()).isEqualTo(client().search().byUrl("Observation?_summary=count&patient=" + data.patientA)
						.returnBundle(Bundle.class).execute().getTotal());
			} else {
				assertThat(entry.getResponse().getStatus()).as(counted.body()).startsWith("403");
			}
		}
	}

	@Test
	void otherOperationsAndSystemWideRequestsAreRefused() {
		refusedWithoutB(getWith(tokenA, "/Patient/" + data.patientA + "/$meta"));
		refusedWithoutB(getWith(tokenA, "/$meta"));
		refusedWithoutB(getWith(tokenA, "?_type=Patient,Observation"));
		refusedWithoutB(getWith(tokenA, "?_id=" + data.patientB));
		refusedWithoutB(withToken(tokenA, "POST", "/Observation/$validate",
				FHIR.newJsonParser().encodeResourceToString(data.lab("x", data.patientB))));
	}

	@Test
	void writesOutsideTheCompartmentAreRefused() {
		String marker = "acc-w-" + data.run;
		Observation intoB = data.lab(marker + "-b", data.patientB);
		intoB.setId((String) null);
		assertForbidden(withToken(writerA, "POST", "/Observation", FHIR.newJsonParser().encodeResourceToString(intoB)));

		Observation changedB = data.lab(data.labB, data.patientB);
		changedB.getCode().setText("changed by A");
		assertForbidden(withToken(writerA, "PUT", "/Observation/" + data.labB, FHIR.newJsonParser().encodeResourceToString(changedB)));

		Observation movedToB = data.lab(data.labA, data.patientB);
		assertForbidden(withToken(writerA, "PUT", "/Observation/" + data.labA, FHIR.newJsonParser().encodeResourceToString(movedToB)));

		assertForbidden(withToken(writerA, "DELETE", "/Observation/" + data.labB, null));
		assertForbidden(as("Bearer " + writerA, "PATCH", "/Observation/" + data.labB,
				"[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"cancelled\"}]", "application/json-patch+json"));
		assertForbidden(withToken(writerA, "PUT", "/Organization/jp-organization-example-hospital",
				getWith(tokenA, "/Organization/jp-organization-example-hospital").body()));

		Observation unchanged = client().read().resource(Observation.class).withId(data.labB).execute();
		assertThat(unchanged.getCode().getText()).isNotEqualTo("changed by A");
		assertThat(unchanged.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);
		assertThat(((Reference) unchanged.getSubject()).getReference()).endsWith(data.patientB);
		assertThat(client().read().resource(Observation.class).withId(data.labA).execute().getSubject().getReference())
				.endsWith(data.patientA);

		// The positive control: A writes into A's own record.
		Observation intoA = data.lab(marker + "-a", data.patientA);
		intoA.setId((String) null);
		HttpResponse<String> created = withToken(writerA, "POST", "/Observation", FHIR.newJsonParser().encodeResourceToString(intoA));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
	}

	@Test
	void sharedResourcesAreReadable() {
		assertThat(getWith(tokenA, "/Organization/jp-organization-example-hospital").statusCode()).isEqualTo(200);
		assertThat(getWith(tokenA, "/Practitioner/jp-practitioner-example-female-1").statusCode()).isEqualTo(200);
		assertThat(bundle(getWith(tokenA, "/Organization?_id=jp-organization-example-hospital")).getEntry()).hasSize(1);
	}

	private void refusedWithoutB(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isIn(400, 403, 404, 410);
		assertNoIdOfB(response);
	}

	/** Either refused, or answered with nothing of B in it. */
	private void assertNothingOfB(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isIn(200, 403, 404);
		assertNoIdOfB(response);
		if (response.statusCode() == 200) {
			Bundle bundle = bundle(response);
			assertThat(ids(bundle)).doesNotContainAnyElementsOf(data.idsOfB());
		}
	}

	/** No id of B in the answer, apart from the echo of A's own query in a bundle's links. */
	private void assertNoIdOfB(HttpResponse<String> response) {
		String body = response.body();
		if (response.statusCode() == 200 && body.contains("\"Bundle\"")) {
			Bundle bundle = (Bundle) FHIR.newJsonParser().parseResource(body);
			bundle.getLink().clear();
			body = FHIR.newJsonParser().encodeResourceToString(bundle);
		}
		// A 404 names the id the request asked for, exactly as for an id that never existed
		// (NotFoundAnswers): that echo tells A nothing.
		body = body.replaceAll("Resource [A-Za-z]+/[A-Za-z0-9\\-.]+ is not known", "Resource is not known");
		assertThat(body).doesNotContain("HAPI-0971");
		for (String id : data.idsOfB()) {
			assertThat(body).as("answer to A mentions %s", id).doesNotContain(id);
		}
	}

	private void assertOnlyA(HttpResponse<String> response, String... expectedIds) {
		Bundle bundle = bundle(response);
		assertNoIdOfB(response);
		if (expectedIds.length > 0) {
			assertThat(ids(bundle)).containsExactlyInAnyOrder(expectedIds);
		}
	}

	/** Ids of every resource in a bundle, nested bundles included. */
	private static List<String> ids(Bundle bundle) {
		return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(r -> r != null)
				.flatMap(r -> r instanceof Bundle inner ? ids(inner).stream() : java.util.stream.Stream.of(r.getIdElement().getIdPart()))
				.toList();
	}
}
