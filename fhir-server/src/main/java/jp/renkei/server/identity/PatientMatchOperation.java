package jp.renkei.server.identity;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.renkei.server.config.FhirServerProvider;
import jp.renkei.server.consent.RegionConsentInterceptor;
import jp.renkei.server.consent.RegionConsentService;
import jp.renkei.server.identity.IdentityLinker.Candidate;
import jp.renkei.server.identity.IdentityStore.IndexedRecord;
import jp.renkei.server.storage.ResourcesById;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * {@code POST /fhir/Patient/$match} (FHIR R4): the Patient records of the persons a description fits,
 * for the ER's search by kana name, birth date and sex, or by insurance member id.
 *
 * <p>Parameters: {@code resource} (a Patient: names with {@code SYL} kana or kanji, {@code birthDate},
 * {@code gender}, {@code telecom}, an {@code identifier} in the JP-CLINS insurance system),
 * {@code onlyCertainMatches} (boolean), {@code count} (1..50, default 10). The answer is a
 * {@code searchset} Bundle of Patient records, best first: every record of each matching person
 * (one per facility), with {@code search.mode} match, {@code search.score} (the best score among the
 * person's records the caller may see) and the extension {@code match-grade}. Candidates below
 * {@code renkei.identity.review-threshold} are left out.
 *
 * <p>Candidates come from the identity index (indexed look-ups by birth date, insurance id, phone);
 * the few Patient records are then read by id and each is decided by the region's consent service for
 * the caller (the same decision as on every read path), so whatever the caller may not see is left out
 * before anything is scored or counted. The Bundle carries no total.
 */
@Component
public class PatientMatchOperation implements FhirServerProvider {

	public static final String MATCH = "$match";
	static final int DEFAULT_COUNT = 10;
	static final int MAX_COUNT = 50;

	private final IdentityLinker linker;
	private final IdentityStore store;
	private final IdentityProperties properties;
	private final ResourcesById resources;
	private final RegionConsentService consent;
	private final MatchScorer scorer = new MatchScorer();

	public PatientMatchOperation(IdentityLinker linker, IdentityStore store, IdentityProperties properties, ResourcesById resources,
			RegionConsentService consent) {
		this.linker = linker;
		this.store = store;
		this.properties = properties;
		this.resources = resources;
		this.consent = consent;
	}

	@Operation(name = MATCH, type = Patient.class, idempotent = false)
	public Bundle match(
			// Declared as Patient: HAPI answers 400 for another resource type or a value that is no resource.
			@OperationParam(name = "resource", min = 0, max = 1) Patient patient,
			@OperationParam(name = "onlyCertainMatches", min = 0, max = 1) BooleanType onlyCertainMatches,
			@OperationParam(name = "count", min = 0, max = 1) IntegerType count,
			RequestDetails request) {
		if (patient == null) {
			throw new InvalidRequestException("$match needs the Patient to match as the parameter 'resource'");
		}
		int limit = count == null || count.getValue() == null ? DEFAULT_COUNT : count.getValue();
		if (limit < 1 || limit > MAX_COUNT) {
			throw new InvalidRequestException("$match: count must be between 1 and " + MAX_COUNT + ", not " + limit);
		}
		for (Identifier identifier : patient.getIdentifier()) {
			if (IdentityEvidence.INSURANCE_SYSTEM.equals(identifier.getSystem()) && !IdentityEvidence.isWellFormedInsurance(identifier)) {
				throw new InvalidRequestException("$match: the insurance member id (" + IdentityEvidence.INSURANCE_SYSTEM
						+ ") must read 保険者番号:記号:番号:枝番, e.g. 06123456:1234:567:01");
			}
		}
		IdentityEvidence query = IdentityEvidence.of(patient);
		if (!query.isMatchable()) {
			throw new InvalidRequestException("$match has nothing to match on: send the insurance member id ("
					+ IdentityEvidence.INSURANCE_SYSTEM + "), or a full birthDate with a kana or kanji name (or a phone number)");
		}
		boolean onlyCertain = onlyCertainMatches != null && Boolean.TRUE.equals(onlyCertainMatches.getValue());

		List<Candidate> candidates = linker.scoredCandidates(query, null, properties.reviewThreshold());
		List<String> persons = candidates.stream().map(candidate -> candidate.record().personId()).distinct().toList();
		List<IndexedRecord> records = store.ofPersons(persons).stream().limit(properties.maxCandidates()).toList();
		Map<String, Patient> visible = readAsCaller(records, request);

		// Each person is scored by the best of its records the caller may see; all its visible records share that score.
		Map<String, List<Scored>> byPerson = new LinkedHashMap<>();
		for (IndexedRecord record : records) {
			Patient found = visible.get(record.patientId());
			if (found != null) {
				byPerson.computeIfAbsent(record.personId(), unused -> new ArrayList<>())
						.add(new Scored(found, scorer.score(query, record.evidence())));
			}
		}
		Map<String, Double> personScores = new HashMap<>();
		byPerson.forEach((person, scored) -> personScores.put(person, scored.stream().mapToDouble(Scored::score).max().orElse(0)));
		List<String> ranked = byPerson.keySet().stream()
				.filter(person -> personScores.get(person) >= properties.reviewThreshold())
				.filter(person -> !onlyCertain || properties.grade(personScores.get(person)) == MatchGrade.CERTAIN)
				.sorted(Comparator.comparingDouble((String person) -> personScores.get(person)).reversed()
						.thenComparing(person -> byPerson.get(person).get(0).patient().getIdPart()))
				.toList();

		Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
		bundle.setId(UUID.randomUUID().toString());
		for (String person : ranked) {
			double score = personScores.get(person);
			List<Scored> members = byPerson.get(person).stream()
					.sorted(Comparator.comparingDouble(Scored::score).reversed().thenComparing(scored -> scored.patient().getIdPart()))
					.toList();
			for (Scored member : members) {
				if (bundle.getEntry().size() >= limit) {
					return bundle;
				}
				Bundle.BundleEntryComponent entry = bundle.addEntry()
						.setFullUrl(request.getFhirServerBase() + "/Patient/" + member.patient().getIdPart())
						.setResource(member.patient());
				entry.getSearch().setMode(Bundle.SearchEntryMode.MATCH).setScore(score)
						.addExtension(MatchGrade.EXTENSION, new CodeType(properties.grade(score).code()));
			}
		}
		return bundle;
	}

	private record Scored(Patient patient, double score) {}

	/** The records the caller may see: read by id, then decided one by one by the consent service for the caller. */
	private Map<String, Patient> readAsCaller(List<IndexedRecord> records, RequestDetails request) {
		Map<String, Patient> visible = new HashMap<>();
		boolean underConsent = RegionConsentInterceptor.isUnderConsent(request);
		for (IBaseResource found : resources.read("Patient", records.stream().map(IndexedRecord::patientId).toList())) {
			if (!underConsent || consent.visible(request, found)) {
				visible.put(found.getIdElement().getIdPart(), (Patient) found);
			}
		}
		return visible;
	}
}
