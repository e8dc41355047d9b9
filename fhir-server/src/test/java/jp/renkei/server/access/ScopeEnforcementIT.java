package jp.renkei.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * SMART scopes, v1 and v2, decide each interaction: what a scope does not permit gets 403 with an
 * OperationOutcome and {@code WWW-Authenticate: Bearer error="insufficient_scope"}; granular
 * {@code ?category=} scopes reach only the matching resources, on reads and on searches.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScopeEnforcementIT extends AbstractAccessIT {

	private static final String PRACTITIONER = "jp-practitioner-example-female-1";
	private static final String BASIC = "{\"resourceType\":\"Basic\",\"code\":{\"text\":\"scope test\"}}";

	private TwoPatients data;

	@BeforeAll
	void storeData() {
		data = new TwoPatients().store(client());
	}

	@Test
	void v1ReadGrantsReadAndSearchButNoWrite() {
		String token = tokens().system("test-v1-reader", "system/Patient.read");

		assertThat(getWith(token, "/Patient/" + data.patientA).statusCode()).isEqualTo(200);
		assertThat(bundle(getWith(token, "/Patient?_id=" + data.patientA)).getEntry()).hasSize(1);
		assertInsufficientScope(getWith(token, "/Observation/" + data.labA));
		assertInsufficientScope(withToken(token, "PUT", "/Patient/" + data.patientA, FHIR.newJsonParser().encodeResourceToString(data.patient(data.patientA))));
	}

	@Test
	void v1WriteGrantsWritesButNoRead() {
		String token = tokens().practitioner(PRACTITIONER, "user/Basic.write");

		HttpResponse<String> created = withToken(token, "POST", "/Basic", BASIC);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String id = FHIR.newJsonParser().parseResource(Basic.class, created.body()).getIdElement().getIdPart();

		assertInsufficientScope(getWith(token, "/Basic/" + id));
		assertInsufficientScope(getWith(token, "/Basic?_id=" + id));
		assertThat(withToken(token, "DELETE", "/Basic/" + id, null).statusCode()).isEqualTo(200);
	}

	@Test
	void v1WildcardGrantsEverythingOnItsType() {
		String token = tokens().practitioner(PRACTITIONER, "user/Basic.*");

		HttpResponse<String> created = withToken(token, "POST", "/Basic", BASIC);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String id = FHIR.newJsonParser().parseResource(Basic.class, created.body()).getIdElement().getIdPart();
		assertThat(getWith(token, "/Basic/" + id).statusCode()).isEqualTo(200);
		assertInsufficientScope(getWith(token, "/Patient/" + data.patientA));
	}

	@Test
	void v2ReadAndSearchAreSeparatePermissions() {
		String readOnly = tokens().system("test-v2", "system/Patient.r");
		String searchOnly = tokens().system("test-v2", "system/Patient.s");

		assertThat(getWith(readOnly, "/Patient/" + data.patientA).statusCode()).isEqualTo(200);
		assertInsufficientScope(getWith(readOnly, "/Patient?_id=" + data.patientA));
		assertInsufficientScope(getWith(searchOnly, "/Patient/" + data.patientA));
		assertInsufficientScope(getWith(searchOnly, "/Patient/" + data.patientA + "/_history"));
		assertThat(bundle(getWith(searchOnly, "/Patient?_id=" + data.patientA)).getEntry()).hasSize(1);
	}

	@Test
	void includesNeedSearchOnWhatTheyBringIn() {
		String token = tokens().system("test-v2", "system/Observation.rs");

		assertThat(bundle(getWith(token, "/Observation?_id=" + data.labA)).getEntry()).hasSize(1);
		assertInsufficientScope(getWith(token, "/Observation?_id=" + data.labA + "&_include=Observation:patient"));
		assertInsufficientScope(getWith(tokens().system("test-v2", "system/Patient.rs"),
				"/Patient?_id=" + data.patientA + "&_revinclude=Observation:patient"));
	}

	@Test
	void v2CreateUpdateDeleteAreSeparatePermissions() {
		String createOnly = tokens().system("test-v2", "system/Basic.c");
		HttpResponse<String> created = withToken(createOnly, "POST", "/Basic", BASIC);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		Basic basic = FHIR.newJsonParser().parseResource(Basic.class, created.body());
		String id = basic.getIdElement().getIdPart();

		basic.getCode().setText("changed");
		String changed = FHIR.newJsonParser().encodeResourceToString(basic);
		assertInsufficientScope(withToken(createOnly, "PUT", "/Basic/" + id, changed));
		assertInsufficientScope(withToken(createOnly, "DELETE", "/Basic/" + id, null));
		// An update that would create needs 'c' as well: refused at the storage layer.
		assertInsufficientScope(withToken(tokens().system("test-v2", "system/Basic.u"), "PUT", "/Basic/new-" + data.run,
				BASIC.replace("{", "{\"id\":\"new-" + data.run + "\",")));
		assertThat(withToken(tokens().system("test-v2", "system/Basic.u"), "PUT", "/Basic/" + id, changed).statusCode()).isEqualTo(200);
		assertThat(withToken(tokens().system("test-v2", "system/Basic.d"), "DELETE", "/Basic/" + id, null).statusCode()).isEqualTo(200);
	}

	@Test
	void batchEntriesAreCheckedOneByOne() {
		String token = tokens().system("test-v2", "system/Patient.rs");
		Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
		batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Patient/" + data.patientA);
		batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Observation/" + data.labA);

		assertInsufficientScope(withToken(token, "POST", "", FHIR.newJsonParser().encodeResourceToString(batch)));
	}

	@Test
	void aScopeOfAnotherContextDoesNotCount() {
		// patient/ scopes without a patient claim, user/ scopes without a signed-in practitioner.
		assertInsufficientScope(getWith(tokens().system("test-v2", "patient/*.rs"), "/Patient/" + data.patientA));
		assertInsufficientScope(getWith(tokens().system("test-v2", "user/*.rs"), "/Patient/" + data.patientA));
		assertInsufficientScope(getWith(tokens().practitioner(PRACTITIONER, "system/*.rs"), "/Patient/" + data.patientA));
	}

	@Test
	void aGranularScopeReadsOnlyItsCategory() {
		String token = tokens().system("test-granular", "system/Observation.rs?category=laboratory");

		assertThat(getWith(token, "/Observation/" + data.labA).statusCode()).isEqualTo(200);
		assertForbidden(getWith(token, "/Observation/" + data.vitalA));
	}

	@Test
	void aGranularScopeSearchesOnlyItsCategory() {
		String token = tokens().system("test-granular", "system/Observation.rs?category=laboratory");
		String bothPatients = "patient=" + data.patientA + "," + data.patientB;

		Bundle found = bundle(getWith(token, "/Observation?" + bothPatients));
		assertThat(found.getEntry()).extracting(e -> e.getResource().getIdPart()).containsExactlyInAnyOrder(data.labA, data.labB);
		assertThat(bundle(getWith(token, "/Observation?" + bothPatients + "&_summary=count")).getTotal()).isEqualTo(2);
		assertThat(bundle(getWith(token, "/Observation?" + bothPatients + "&category=vital-signs")).getEntry()).isEmpty();
		assertThat(bundle(getWith(token, "/Observation?" + bothPatients + "&category=vital-signs&_summary=count")).getTotal()).isZero();
	}

	@Test
	void aPatientGranularScopeIsBothCompartmentAndCategory() {
		String token = tokens().patient(data.patientA, "patient/Observation.rs?category=vital-signs");

		Bundle found = bundle(getWith(token, "/Observation"));
		assertThat(found.getEntry()).extracting(e -> e.getResource().getIdPart()).containsExactly(data.vitalA);
		assertThat(((Observation) found.getEntryFirstRep().getResource()).getSubject().getReference()).endsWith(data.patientA);
		// Outside the scope, read by id: answered like an id that does not exist (nothing confirms it exists).
		assertThat(getWith(token, "/Observation/" + data.labA).statusCode()).isEqualTo(404);
		assertThat(getWith(token, "/Observation/" + data.vitalB).statusCode()).isEqualTo(404);
		assertThat(getWith(token, "/Observation/" + data.vitalB).body())
				.isEqualTo(getWith(token, "/Observation/" + data.vitalB + "-nonexistent").body().replace("-nonexistent", ""));
		assertThat(bundle(getWith(token, "/Observation?_summary=count")).getTotal()).isEqualTo(1);
	}

	@Test
	void otherOperationsAreRefused() {
		String token = authorization().substring("Bearer ".length());

		assertForbidden(getWith(token, "/Patient/" + data.patientA + "/$meta"));
		assertForbidden(withToken(token, "POST", "/$expunge", "{\"resourceType\":\"Parameters\"}"));
	}
}
