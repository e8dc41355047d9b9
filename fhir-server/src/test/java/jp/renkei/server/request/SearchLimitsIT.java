package jp.renkei.server.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

/**
 * Search controls outside their bounds are refused with 400 and an OperationOutcome before any
 * query runs, so no request can pin a worker.
 */
class SearchLimitsIT extends AbstractRequestIT {

	@Test
	void negativeCountIsRejected() {
		assertRejected(get("/Basic?_count=-1"), 400);
	}

	@Test
	void nonNumericCountIsRejected() {
		assertRejected(get("/Basic?_count=ten"), 400);
	}

	@Test
	void countAboveTheMaximumPageSizeIsRejected() {
		OperationOutcome outcome = assertRejected(get("/Basic?_count=100000"), 400);

		assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("_count").contains("500");
	}

	@Test
	void countAtTheMaximumPageSizeIsAccepted() {
		assertThat(get("/Basic?_count=500").statusCode()).isEqualTo(200);
	}

	@Test
	void countOfZeroIsAccepted() {
		assertThat(get("/Basic?_count=0").statusCode()).isEqualTo(200);
	}

	@Test
	void negativeOffsetIsRejected() {
		assertRejected(get("/Basic?_offset=-5"), 400);
	}

	@Test
	void hugeOffsetIsRejected() {
		OperationOutcome outcome = assertRejected(get("/Basic?_offset=99999999999"), 400);

		assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("_offset");
	}

	@Test
	void offsetAboveTheMaximumIsRejected() {
		assertRejected(get("/Basic?_offset=10001"), 400);
	}

	@Test
	void offsetWithinTheMaximumIsAccepted() {
		assertThat(get("/Basic?_offset=10&_count=5").statusCode()).isEqualTo(200);
	}

	@Test
	void unknownSortParameterIsRejected() {
		assertRejected(get("/Basic?_sort=favouriteColour"), 400);
	}

	@Test
	void unknownSearchParameterIsRejected() {
		OperationOutcome outcome = assertRejected(get("/Patient?favouriteColour=blue"), 400);

		assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("favouriteColour");
	}

	@Test
	void unknownModifierIsRejected() {
		assertRejected(get("/Patient?family:sounds-like=yamada"), 400);
	}

	@Test
	void tooManyParametersAreRejected() {
		assertRejected(get("/Basic?" + "_id=a&".repeat(500) + "_count=1"), 400);
	}

	@Test
	void thousandsOfRepeatedParametersInAPostedSearchAreRejected() {
		assertRejected(send("POST", "/Basic/_search", "application/x-www-form-urlencoded",
				utf8("identifier=a&".repeat(5000) + "_count=1")), 400);
	}

	@Test
	void overlongParameterValueIsRejected() {
		assertRejected(get("/Patient?family=" + "y".repeat(3000)), 400);
	}

	@Test
	void hundredKilobyteValueInAPostedSearchIsRejected() {
		assertRejected(send("POST", "/Patient/_search", "application/x-www-form-urlencoded",
				utf8("family=" + "y".repeat(100 * 1024))), 400);
	}

	@Test
	void deepChainIsRejected() {
		assertRejected(get("/Observation?subject:Patient.organization.partof.partof.name=x"), 400);
	}

	@Test
	void shallowChainIsAccepted() {
		HttpResponse<String> response = get("/Observation?subject:Patient.name=" + URLEncoder.encode("山田", StandardCharsets.UTF_8));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	@Test
	void deepReverseChainIsRejected() {
		assertRejected(get("/Patient?_has:Observation:subject:_has:Provenance:target:_has:AuditEvent:entity:agent=x"), 400);
	}

	@Test
	void iteratingWildcardIncludeIsRejected() {
		assertRejected(get("/Patient?_include:iterate=*"), 400);
	}

	@Test
	void tooManyIncludesAreRejected() {
		StringBuilder query = new StringBuilder("/Observation?_count=1");
		for (String include : new String[] {"subject", "encounter", "performer", "based-on", "derived-from",
				"has-member", "part-of", "specimen", "device", "focus", "hasMember", "patient"}) {
			query.append("&_include:iterate=Observation:").append(include);
		}
		assertRejected(get(query.toString()), 400);
	}

	@Test
	void ordinaryIncludeIsAccepted() {
		assertThat(get("/Observation?_include=Observation:subject&_revinclude=Provenance:target").statusCode()).isEqualTo(200);
	}
}
