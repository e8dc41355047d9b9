package jp.renkei.server.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.renkei.server.identity.IdentityStore.IndexedRecord;
import org.springframework.stereotype.Component;

/**
 * The regional patient identity (地域共通ID) for other features: which Patient records, one per
 * facility, belong to the same person. Answers from the identity index, which is written in the same
 * transaction as the Patient records, so it is current on every node. It says nothing about who may
 * see those records: read them through the caller's request so that consent decides.
 */
@Component
public class RegionalIdentity {

	private final IdentityStore store;

	public RegionalIdentity(IdentityStore store) {
		this.store = store;
	}

	/** The logical ids of every Patient record linked to the same person as patientId, patientId first, then by id; List.of(patientId) when it is unknown to the index. */
	public List<String> linkedRecords(String patientId) {
		Optional<IndexedRecord> record = store.find(patientId);
		if (record.isEmpty()) {
			return List.of(patientId);
		}
		List<String> ids = new ArrayList<>();
		ids.add(patientId);
		store.ofPerson(record.get().personId()).stream()
				.map(IndexedRecord::patientId)
				.filter(id -> !id.equals(patientId))
				.sorted()
				.forEach(ids::add);
		return List.copyOf(ids);
	}

	/** The regional common id of the person, if the record is indexed. */
	public Optional<String> personOf(String patientId) {
		return store.find(patientId).map(IndexedRecord::personId);
	}
}
