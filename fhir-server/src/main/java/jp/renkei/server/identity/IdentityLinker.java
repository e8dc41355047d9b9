package jp.renkei.server.identity;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import jp.renkei.server.config.FhirServerInterceptor;
import jp.renkei.server.identity.IdentityStore.IndexedRecord;
import jp.renkei.server.identity.IdentityStore.LinkKind;
import jp.renkei.server.identity.IdentityStore.Read;
import jp.renkei.server.storage.ResourcesById;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Links Patient records to persons as they are written: in HAPI's pre-commit storage hooks, inside
 * the write's database transaction and under the region-wide linking lock, a new record joins the
 * person of its best candidate when that scores at least {@code renkei.identity.link-threshold} and
 * no reviewer separated them; otherwise it becomes a new person ({@code rp-<uuid>}).
 *
 * <p>A changed record keeps its person, with its evidence refreshed, unless it is alone in it and not
 * placed by a reviewer: then it is linked again as if new. Reviewers' decisions ({@code $link},
 * {@code $unlink}) are made here too, under the same lock. When the index does not hold as many
 * records as there are stored Patients at start (a new installation, a restore), the missing ones are
 * linked and the stale ones removed before the server answers; existing links are kept.
 */
@Component
@Interceptor
public class IdentityLinker implements FhirServerInterceptor, SmartInitializingSingleton {

	private static final Logger LOG = LoggerFactory.getLogger(IdentityLinker.class);

	/** Patient records in memory at a time while the index catches up. */
	private static final int CATCH_UP_CHUNK = 500;

	private final IdentityStore store;
	private final MatchScorer scorer = new MatchScorer();
	private final IdentityProperties properties;
	private final ResourcesById resources;
	private final IHapiTransactionService transactions;
	private final Clock clock = Clock.systemUTC();

	public IdentityLinker(IdentityStore store, IdentityProperties properties, ResourcesById resources, IHapiTransactionService transactions) {
		this.store = store;
		this.properties = properties;
		this.resources = resources;
		this.transactions = transactions;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		if (resource instanceof Patient patient) {
			index(patient);
		}
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource) {
		if (resource instanceof Patient patient) {
			index(patient);
		}
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
	public void deleted(IBaseResource resource) {
		if (resource instanceof Patient patient) {
			store.lockForLinking();
			store.delete(patient.getIdElement().getIdPart());
		}
	}

	/** A scored candidate of a record: which person it would join and how sure that is. */
	record Candidate(IndexedRecord record, double score) {}

	/**
	 * The candidates of {@code evidence} scoring at least {@code minimum}, best first (then by id),
	 * leaving out {@code excludedId} itself.
	 */
	List<Candidate> scoredCandidates(IdentityEvidence evidence, String excludedId, double minimum) {
		return scoredCandidates(evidence, excludedId, minimum, Read.PLAIN);
	}

	private List<Candidate> scoredCandidates(IdentityEvidence evidence, String excludedId, double minimum, Read read) {
		return store.candidates(evidence, properties.maxCandidates(), read).stream()
				.filter(row -> !row.patientId().equals(excludedId))
				.map(row -> new Candidate(row, scorer.score(evidence, row.evidence())))
				.filter(candidate -> candidate.score() >= minimum)
				.sorted(Comparator.comparingDouble(Candidate::score).reversed()
						.thenComparing(candidate -> candidate.record().patientId()))
				.toList();
	}

	/** Indexes one stored Patient record; runs inside the transaction writing it. */
	void index(Patient patient) {
		String id = patient.getIdElement().getIdPart();
		IdentityEvidence evidence = IdentityEvidence.of(patient);
		long now = clock.millis();
		store.lockForLinking();
		Optional<IndexedRecord> existing = store.find(id, Read.LATEST_COMMITTED);
		if (existing.isPresent()) {
			store.updateEvidence(id, evidence, now);
			IndexedRecord row = existing.get();
			boolean alone = store.ofPerson(row.personId(), Read.LATEST_COMMITTED).size() == 1;
			if (!alone || row.kind() == LinkKind.CONFIRMED) {
				return;
			}
			Optional<Candidate> best = bestLink(id, evidence);
			if (best.isPresent()) {
				store.movePerson(id, best.get().record().personId(), LinkKind.AUTO, best.get().score(), now);
			}
			return;
		}
		Optional<Candidate> best = bestLink(id, evidence);
		if (best.isPresent()) {
			store.insert(id, best.get().record().personId(), evidence, LinkKind.AUTO, best.get().score(), now);
		} else {
			store.insert(id, newPersonId(), evidence, LinkKind.NEW, null, now);
		}
	}

	/** The best candidate at or above the link threshold whose person holds no record a reviewer separated from this one. */
	private Optional<Candidate> bestLink(String id, IdentityEvidence evidence) {
		Set<String> rejected = store.rejectedWith(id, Read.LATEST_COMMITTED);
		Set<String> personsWithRejected = new HashSet<>();
		if (!rejected.isEmpty()) {
			rejected.forEach(other -> store.find(other, Read.LATEST_COMMITTED).ifPresent(row -> personsWithRejected.add(row.personId())));
		}
		return scoredCandidates(evidence, id, properties.linkThreshold(), Read.LATEST_COMMITTED).stream()
				.filter(candidate -> !personsWithRejected.contains(candidate.record().personId()))
				.findFirst();
	}

	/**
	 * A reviewer's decision: {@code otherId}'s record joins {@code patientId}'s person as confirmed, and
	 * any separation recorded between the two is lifted. Runs in its own transaction.
	 */
	void confirmLink(String patientId, String otherId) {
		transactions.withSystemRequest().execute(() -> {
			store.lockForLinking();
			IndexedRecord target = store.find(patientId, Read.LATEST_COMMITTED)
					.orElseThrow(() -> new IllegalStateException("not indexed: " + patientId));
			IndexedRecord other = store.find(otherId, Read.LATEST_COMMITTED)
					.orElseThrow(() -> new IllegalStateException("not indexed: " + otherId));
			store.removeRejection(patientId, otherId);
			store.movePerson(otherId, target.personId(), LinkKind.CONFIRMED,
					scorer.score(target.evidence(), other.evidence()), clock.millis());
			return null;
		});
	}

	/**
	 * A reviewer's decision: {@code patientId}'s record becomes a person of its own (confirmed), and
	 * every record it leaves is recorded as separated from it. Runs in its own transaction.
	 */
	void separate(String patientId, String decidedBy) {
		transactions.withSystemRequest().execute(() -> {
			store.lockForLinking();
			IndexedRecord record = store.find(patientId, Read.LATEST_COMMITTED)
					.orElseThrow(() -> new IllegalStateException("not indexed: " + patientId));
			long now = clock.millis();
			for (IndexedRecord left : store.ofPerson(record.personId(), Read.LATEST_COMMITTED)) {
				if (!left.patientId().equals(patientId)) {
					store.reject(patientId, left.patientId(), decidedBy, now);
				}
			}
			store.movePerson(patientId, newPersonId(), LinkKind.CONFIRMED, null, now);
			return null;
		});
	}

	@Override
	public void afterSingletonsInstantiated() {
		long indexed = store.count();
		long stored = store.storedPatients();
		if (indexed == stored) {
			return;
		}
		LOG.warn("Identity index holds {} Patient records, the database {}: bringing it up to date before the server answers",
				indexed, stored);
		catchUp();
	}

	/**
	 * Drops rows of Patients no longer stored, then links every stored Patient the index lacks and
	 * refreshes the others, in the order they were stored, a page at a time (a region's Patients need
	 * not fit in memory).
	 */
	void catchUp() {
		transactions.withSystemRequest().execute(() -> {
			Set<String> stored = resources.idsOfType("Patient");
			for (String indexedId : store.indexedIds()) {
				if (!stored.contains(indexedId)) {
					store.delete(indexedId);
				}
			}
			resources.forEachOfType("Patient", CATCH_UP_CHUNK, resource -> index((Patient) resource));
			LOG.info("Identity index up to date with {} Patient records", stored.size());
			return null;
		});
	}

	private static String newPersonId() {
		return "rp-" + UUID.randomUUID();
	}
}
