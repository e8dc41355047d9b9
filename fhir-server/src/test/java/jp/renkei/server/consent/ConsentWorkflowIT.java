package jp.renkei.server.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import jp.renkei.server.AbstractServerIT;
import jp.renkei.server.JpCoreExamples;
import jp.renkei.server.auth.SigningKeys;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The consent workflows over real HTTP with real tokens: facility A records a consent with its
 * scanned form, adds facility C, and a privacy officer withdraws it; every refusal (bad input, another
 * facility, missing scope) is a 4xx OperationOutcome that leaves nothing written; a patient sees
 * their own consents with their own token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsentWorkflowIT extends AbstractServerIT {

	private static final String FHIR_JSON = "application/fhir+json";
	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
	private static final byte[] PDF = "%PDF-1.7\n% 同意書 (test)\n%%EOF\n".getBytes(StandardCharsets.UTF_8);
	private static final String POLICY = "http://renkei.example.jp/fhir/CodeSystem/renkei-consent-policy";
	private static final String FACILITY_SCOPES = "system/Patient.rs system/Organization.rs system/Consent.cruds system/Binary.cr";

	@Autowired
	private SigningKeys signingKeys;

	private final String run = UUID.randomUUID().toString().substring(0, 8);
	private final String orgA = "Organization/cw-org-a-" + run;
	private final String orgB = "Organization/cw-org-b-" + run;
	private final String orgC = "Organization/cw-org-c-" + run;
	private final String patientOfA = "cw-pat-a-" + run;
	private final String otherPatientOfA = "cw-pat-a2-" + run;
	private final String patientOfB = "cw-pat-b-" + run;
	private String facilityA;
	private String facilityB;

	@BeforeAll
	void storeFacilitiesAndPatients() {
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (Resource resource : List.of(organization(orgA, "1210112346"), organization(orgB, "1210456784"),
				organization(orgC, "1210112346"), patient(patientOfA, orgA), patient(otherPatientOfA, orgA),
				patient(patientOfB, orgB))) {
			transaction.addEntry().setResource(resource).getRequest()
					.setMethod(Bundle.HTTPVerb.PUT).setUrl(resource.fhirType() + "/" + resource.getIdPart());
		}
		client().transaction().withBundle(transaction).execute();
		facilityA = tokens().facilitySystem("test-facility-a", orgA, FACILITY_SCOPES);
		facilityB = tokens().facilitySystem("test-facility-b", orgB, FACILITY_SCOPES);
	}

	@Test
	void recordingStoresTheFormAndTheConsentThatPointsAtIt() {
		HttpResponse<String> response = recordConsent(facilityA, patientOfA, perFacilityConsent(patientOfA, orgA, orgB), pdfForm());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		Consent consent = parse(response, Consent.class);
		assertThat(response.headers().firstValue("Location")).hasValueSatisfying(location ->
				assertThat(location).endsWith("/Consent/" + consent.getIdPart() + "/_history/1"));
		assertThat(consent.getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);
		assertThat(consent.getMeta().getProfile()).extracting(p -> p.getValue()).contains(ConsentChanges.PROFILE);
		assertThat(consent.getMeta().getSource()).startsWith("urn:renkei:client:test-facility-a");
		assertThat(consent.getMeta().getLastUpdated()).isNotNull();
		Attachment source = consent.getSourceAttachment();
		assertThat(source.getContentType()).isEqualTo("application/pdf");
		assertThat(source.getSize()).isEqualTo(PDF.length);
		assertThat(source.getUrl()).startsWith("Binary/");

		Binary form = client().read().resource(Binary.class).withId(source.getUrl()).execute();
		assertThat(form.getContent()).isEqualTo(PDF);
		assertThat(form.getContentType()).isEqualTo("application/pdf");
		assertThat(form.getSecurityContext().getReference()).isEqualTo("Patient/" + patientOfA);
	}

	@Test
	void badInputIsRefusedAndNothingIsWritten() {
		int binaries = count("Binary?_summary=count");
		int consents = count("Consent?_summary=count&patient=" + patientOfA);

		assertRefused(422, recordConsent(facilityA, patientOfA, perFacilityConsent(otherPatientOfA, orgA, orgB), pdfForm()), "Consent.patient");
		assertRefused(422, recordConsent(facilityA, patientOfA, with(perFacilityConsent(patientOfA, orgA, orgB),
				c -> c.getPolicyRule().getCodingFirstRep().setCode("opt-in-somehow")), pdfForm()), "policyRule");
		assertRefused(422, recordConsent(facilityA, patientOfA, perFacilityConsent(patientOfA, orgA, "Organization/no-such-" + run),
				pdfForm()), "not a facility");
		assertRefused(422, recordConsent(facilityA, patientOfA, with(perFacilityConsent(patientOfA, orgA, orgB),
				c -> c.setStatus(Consent.ConsentState.INACTIVE)), pdfForm()), "active");
		assertRefused(400, recordConsent(facilityA, patientOfA, perFacilityConsent(patientOfA, orgA, orgB),
				new Attachment().setContentType("text/plain").setData(PDF)), "contentType");
		assertRefused(400, recordConsent(facilityA, patientOfA, perFacilityConsent(patientOfA, orgA, orgB),
				new Attachment().setContentType("application/pdf").setData("not a pdf".getBytes(StandardCharsets.UTF_8))), "application/pdf");
		assertRefused(400, recordConsent(facilityA, patientOfA, perFacilityConsent(patientOfA, orgA, orgB), null), "form");
		assertRefused(404, recordConsent(facilityA, "cw-nobody-" + run, perFacilityConsent("cw-nobody-" + run, orgA, orgB), pdfForm()), "");
		// Passes the operation's own checks but not the profile (dateTime 1..1): the Binary already
		// stored in the same transaction must be rolled back with it.
		assertRefused(422, recordConsent(facilityA, patientOfA, with(perFacilityConsent(patientOfA, orgA, orgB),
				c -> c.setDateTimeElement(null)), pdfForm()), "dateTime");
		HttpResponse<String> malformed = post(facilityA, "/Patient/" + patientOfA + "/$record-consent",
				"{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"consent\",\"resource\":{\"resourceType\":\"Consent\",\"status\":42}}]}");
		assertThat(malformed.statusCode()).as(malformed.body()).isBetween(400, 422);

		assertThat(count("Binary?_summary=count")).isEqualTo(binaries);
		assertThat(count("Consent?_summary=count&patient=" + patientOfA)).isEqualTo(consents);
	}

	@Test
	void anotherFacilityCannotRecordOrChangeTheConsent() {
		int consents = count("Consent?_summary=count&patient=" + patientOfA);
		// B claims A obtained it; or B obtains "consent" to share a record that A keeps. (Where consent
		// enforcement hides A's record from B, B gets 404, as for any record it cannot see.)
		HttpResponse<String> claimsA = recordConsent(facilityB, patientOfA, perFacilityConsent(patientOfA, orgA, orgB), pdfForm());
		assertRefused(claimsA.statusCode() == 404 ? 404 : 403, claimsA, claimsA.statusCode() == 404 ? "" : "organization");
		HttpResponse<String> keptByA = recordConsent(facilityB, patientOfA, perFacilityConsent(patientOfA, orgB, orgB), pdfForm());
		assertRefused(keptByA.statusCode() == 404 ? 404 : 422, keptByA, keptByA.statusCode() == 404 ? "" : "kept by");
		assertThat(count("Consent?_summary=count&patient=" + patientOfA)).isEqualTo(consents);

		// A's consent names B, so B may see it, yet only A or a privacy officer may change it.
		Consent consent = recorded(perFacilityConsent(patientOfA, orgA, orgB));
		assertRefused(403, post(facilityB, "/Consent/" + consent.getIdPart() + "/$withdraw", parameters(p -> {})), "privacy officer");
		assertRefused(403, post(facilityB, "/Consent/" + consent.getIdPart() + "/$add-facility",
				parameters(p -> p.addParameter("organization", new Reference(orgB)))), "privacy officer");
		// A practitioner of A without a scope to write consents.
		String readOnly = tokens().practitioner("cw-prac-a-" + run, orgA, "user/Consent.rs user/Patient.rs");
		HttpResponse<String> noScope = post(readOnly, "/Consent/" + consent.getIdPart() + "/$withdraw", parameters(p -> {}));
		assertRefused(403, noScope, "Consent");
		assertThat(noScope.headers().firstValue("WWW-Authenticate").orElse("")).contains("insufficient_scope");

		assertThat(client().read().resource(Consent.class).withId(consent.getIdElement().toVersionless()).execute().getStatus())
				.isEqualTo(Consent.ConsentState.ACTIVE);
	}

	@Test
	void aRegionOperatorRecordsForTheFacilityThatKeepsTheRecord() {
		String operator = tokens().facilitySystem("test-region-operator", "Organization/cw-operator-" + run, FACILITY_SCOPES, "region-operator");
		HttpResponse<String> response = recordConsent(operator, patientOfB, perFacilityConsent(patientOfB, orgB, orgA), pdfForm());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		assertThat(parse(response, Consent.class).getOrganizationFirstRep().getReference()).isEqualTo(orgB);
	}

	@Test
	void addingAFacilityMakesANewVersionThatNamesIt() {
		Consent consent = recorded(perFacilityConsent(patientOfA, orgA, orgB));
		String path = "/Consent/" + consent.getIdPart() + "/$add-facility";

		HttpResponse<String> added = post(facilityA, path, parameters(p -> p.addParameter("organization", new Reference(orgC))));

		Consent updated = parse(added, Consent.class);
		assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
		assertThat(updated.getIdElement().getVersionIdPart()).isEqualTo("2");
		assertThat(updated.getProvision().getActor()).extracting(a -> a.getReference().getReference()).containsExactly(orgB, orgC);
		assertThat(updated.getProvision().getActor().get(1).getRole().getCodingFirstRep().getCode()).isEqualTo("IRCP");
		assertThat(updated.getMeta().getSource()).startsWith("urn:renkei:client:test-facility-a");
		Bundle history = client().history().onInstance(consent.getIdElement().toVersionless()).returnBundle(Bundle.class).execute();
		assertThat(history.getEntry()).hasSize(2);

		// Already named: nothing changes.
		Consent again = parse(post(facilityA, path, parameters(p -> p.addParameter("organization", new Reference(orgC)))), Consent.class);
		assertThat(again.getIdElement().getVersionIdPart()).isEqualTo("2");

		assertRefused(422, post(facilityA, path, parameters(p -> p.addParameter("organization", new Reference("Organization/no-such-" + run)))),
				"not a facility");
		assertRefused(400, post(facilityA, path, parameters(p -> {})), "organization");

		Consent comprehensive = recorded(with(perFacilityConsent(patientOfA, orgA, orgB), c -> {
			c.getPolicyRule().getCodingFirstRep().setCode("opt-in-comprehensive");
			c.getProvision().getActor().clear();
		}));
		assertRefused(422, post(facilityA, "/Consent/" + comprehensive.getIdPart() + "/$add-facility",
				parameters(p -> p.addParameter("organization", new Reference(orgC)))), "every facility");
	}

	@Test
	void aPrivacyOfficerWithdrawsAndTheHistoryKeepsTheConsentAsItWas() {
		Consent consent = recorded(perFacilityConsent(patientOfA, orgA, orgB));
		// A privacy officer at B, a facility the consent shares with (so B may see it) but did not obtain it.
		String officer = tokens().practitioner("cw-privacy-" + run, orgB, "user/Consent.rus user/Patient.rs", "privacy-officer");
		String path = "/Consent/" + consent.getIdPart() + "/$withdraw";

		HttpResponse<String> response = post(officer, path, parameters(p -> p.addParameter("reason", "本人の申し出（転居）")));

		Consent withdrawn = parse(response, Consent.class);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(withdrawn.getStatus()).isEqualTo(Consent.ConsentState.INACTIVE);
		assertThat(withdrawn.getIdElement().getVersionIdPart()).isEqualTo("2");
		Extension withdrawal = withdrawn.getExtensionByUrl(ConsentChanges.WITHDRAWAL);
		assertThat(withdrawal.getExtensionByUrl("reason").getValue().primitiveValue()).isEqualTo("本人の申し出（転居）");
		assertThat(withdrawal.getExtensionByUrl("date").getValue()).isInstanceOf(DateTimeType.class);
		assertThat(withdrawn.getProvision().getPeriod().hasEnd()).isTrue();
		assertThat(withdrawn.getMeta().getSource()).startsWith("Practitioner/cw-privacy-" + run);

		Consent first = client().read().resource(Consent.class).withIdAndVersion(consent.getIdPart(), "1").execute();
		assertThat(first.getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);
		assertThat(first.getMeta().getSource()).startsWith("urn:renkei:client:test-facility-a");

		assertRefused(422, post(facilityA, path, parameters(p -> {})), "only an active consent");

		Consent other = recorded(perFacilityConsent(patientOfA, orgA, orgB));
		assertRefused(422, post(facilityA, "/Consent/" + other.getIdPart() + "/$withdraw",
				parameters(p -> p.addParameter("date", new DateTimeType("2099-01-01T00:00:00+09:00")))), "future");
		HttpResponse<String> dated = post(facilityA, "/Consent/" + other.getIdPart() + "/$withdraw",
				parameters(p -> p.addParameter("date", new DateTimeType("2026-04-02T09:00:00+09:00"))));
		assertThat(dated.statusCode()).as(dated.body()).isEqualTo(200);
		assertThat(parse(dated, Consent.class).getProvision().getPeriod().getEndElement().getValueAsString())
				.isEqualTo("2026-04-02T09:00:00+09:00");
	}

	@Test
	void aPatientSeesTheirOwnConsentsOnly() {
		Consent own = recorded(perFacilityConsent(patientOfA, orgA, orgB));
		Consent someoneElses = recorded(perFacilityConsent(otherPatientOfA, orgA, orgB));
		String patient = tokens().patient(patientOfA, "patient/Consent.rs patient/Patient.rs");

		HttpResponse<String> mine = get(patient, "/Consent?patient=" + patientOfA);
		assertThat(mine.statusCode()).as(mine.body()).isEqualTo(200);
		Bundle bundle = (Bundle) FHIR.newJsonParser().parseResource(mine.body());
		assertThat(bundle.getEntry()).extracting(e -> e.getResource().getIdPart()).contains(own.getIdPart())
				.doesNotContain(someoneElses.getIdPart());

		HttpResponse<String> theirs = get(patient, "/Consent?patient=" + otherPatientOfA);
		assertThat(theirs.body()).doesNotContain(someoneElses.getIdPart());
		HttpResponse<String> read = get(patient, "/Consent/" + someoneElses.getIdPart());
		assertThat(read.statusCode()).isIn(403, 404);
		assertThat(read.body()).doesNotContain(otherPatientOfA);
	}

	// --- helpers

	private Consent recorded(Consent consent) {
		HttpResponse<String> response = recordConsent(facilityA, referenceOf(consent.getPatient()), consent, pdfForm());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return parse(response, Consent.class);
	}

	private static String referenceOf(Reference reference) {
		return reference.getReferenceElement().getIdPart();
	}

	private HttpResponse<String> recordConsent(String token, String patient, Consent consent, Attachment form) {
		return post(token, "/Patient/" + patient + "/$record-consent", parameters(p -> {
			p.addParameter().setName("consent").setResource(consent);
			if (form != null) {
				p.addParameter().setName("form").setValue(form);
			}
		}));
	}

	private static String parameters(Consumer<Parameters> filler) {
		Parameters parameters = new Parameters();
		filler.accept(parameters);
		return FHIR.newJsonParser().encodeResourceToString(parameters);
	}

	private static Attachment pdfForm() {
		return new Attachment().setContentType("application/pdf").setData(PDF).setTitle("地域連携同意書");
	}

	private static Consent perFacilityConsent(String patient, String obtainedBy, String sharedWith) {
		Consent consent = new Consent();
		consent.setStatus(Consent.ConsentState.ACTIVE);
		consent.setScope(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", "Privacy Consent")));
		consent.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", "Patient Consent")));
		consent.setPatient(new Reference("Patient/" + patient));
		consent.setDateTimeElement(new DateTimeType("2026-04-01T10:30:00+09:00"));
		consent.addOrganization(new Reference(obtainedBy));
		consent.setPolicyRule(new CodeableConcept(new Coding(POLICY, "opt-in-per-facility", null)));
		consent.getProvision().setType(Consent.ConsentProvisionType.PERMIT);
		consent.getProvision().getPeriod().setStartElement(new DateTimeType("2026-04-01"));
		consent.getProvision().addActor().setRole(ConsentChanges.informationRecipient()).setReference(new Reference(sharedWith));
		return consent;
	}

	private static Consent with(Consent consent, Consumer<Consent> change) {
		change.accept(consent);
		return consent;
	}

	private Organization organization(String reference, String code) {
		Organization organization = (Organization) classpathResource("renkei-ig/package/example/Organization-renkei-organization-chiba-minato-hospital.json");
		organization.setId(reference.substring("Organization/".length()));
		organization.setName("連携テスト施設 " + organization.getIdPart());
		organization.getIdentifierFirstRep().setValue(code);
		return organization;
	}

	private Patient patient(String id, String managingOrganization) {
		Patient patient = (Patient) JpCoreExamples.parse(fhirPackages().resolve("jp-core-examples").resolve("Patient-jp-patient-example-1.json"));
		patient.setId(id);
		patient.getIdentifierFirstRep().setValue(id);
		patient.setManagingOrganization(new Reference(managingOrganization));
		return patient;
	}

	private static Resource classpathResource(String path) {
		try (InputStream in = ConsentWorkflowIT.class.getClassLoader().getResourceAsStream(path)) {
			return (Resource) FHIR.newJsonParser().parseResource(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private int count(String query) {
		return client().search().byUrl(query).returnBundle(Bundle.class).execute().getTotal();
	}

	private ConsentWorkflowTokens tokens() {
		return new ConsentWorkflowTokens(signingKeys, authOrigin() + "/fhir");
	}

	private static void assertRefused(int status, HttpResponse<String> response, String inMessage) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		OperationOutcome outcome = (OperationOutcome) FHIR.newJsonParser().parseResource(response.body());
		assertThat(outcome.getIssueFirstRep().getSeverity()).isIn(OperationOutcome.IssueSeverity.ERROR, OperationOutcome.IssueSeverity.FATAL);
		assertThat(Arrays.toString(outcome.getIssue().stream().map(i -> i.getDiagnostics() + " " + i.getLocation()).toArray()))
				.as(response.body()).contains(inMessage);
	}

	private static <T extends Resource> T parse(HttpResponse<String> response, Class<T> type) {
		assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
		return type.cast(FHIR.newJsonParser().parseResource(response.body()));
	}

	private HttpResponse<String> post(String token, String path, String body) {
		return exchange(token, "POST", path, body);
	}

	private HttpResponse<String> get(String token, String path) {
		return exchange(token, "GET", path, null);
	}

	private HttpResponse<String> exchange(String token, String method, String path, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
				.timeout(Duration.ofSeconds(120))
				.header("Accept", FHIR_JSON)
				.header("Authorization", "Bearer " + token)
				.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (body != null) {
			request.header("Content-Type", FHIR_JSON);
		}
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
