package jp.renkei.server.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jp.renkei.server.summary.SummaryIndex.Item;
import jp.renkei.server.summary.SummaryIndex.Kind;
import org.junit.jupiter.api.Test;

class SummarySelectionTest {

	private static final SummaryProperties LIMITS = new SummaryProperties(5, 2, 3, 100, 20, 2, 10, 10);

	@Test
	void picksTheNewestResultsOfTheTestsWithTheNewestResults() {
		List<Item> items = new ArrayList<>();
		for (int day = 10; day <= 30; day++) {
			items.add(item("Observation", "a" + day, Kind.LAB, "jlac|A", "2026-01-" + day, null));
			items.add(item("Observation", "b" + day, Kind.LAB, "jlac|B", "2025-01-" + day, null));
		}
		items.add(item("Observation", "c1", Kind.LAB, "jlac|C", "2026-02-01", null));
		List<Item> chosen = SummarySelection.choose(items, LIMITS);
		// Two tests at most (C and A have the newest results), five results each at most.
		assertThat(chosen).extracting(Item::id).containsExactly("c1", "a30", "a29", "a28", "a27", "a26");
	}

	@Test
	void keepsCurrentPrescriptionsAndDocumentsAndTheNewestOfTheRest() {
		List<Item> items = new ArrayList<>();
		items.add(item("MedicationRequest", "m-active", Kind.MEDICATION, null, "2026-01-01", "active"));
		items.add(item("MedicationRequest", "m-done", Kind.MEDICATION, null, "2026-02-01", "completed"));
		items.add(item("DocumentReference", "d-current", Kind.DOCUMENT, null, "2025-01-01", "current"));
		items.add(item("DocumentReference", "d-superseded", Kind.DOCUMENT, null, "2026-01-01", "superseded"));
		for (int i = 1; i <= 5; i++) {
			items.add(item("Encounter", "e" + i, Kind.ENCOUNTER, null, "2026-0" + i + "-01", null));
			items.add(item("Observation", "inf" + i, Kind.INFECTION, "inf|X", "2026-0" + i + "-01", null));
		}
		items.add(item("AllergyIntolerance", "al-undated", Kind.ALLERGY, null, null, null));
		items.add(item("Observation", "vital", Kind.OBSERVATION, null, "2026-06-01", null));
		List<String> chosen = SummarySelection.choose(items, LIMITS).stream().map(Item::id).collect(Collectors.toList());
		assertThat(chosen).contains("m-active", "d-current", "al-undated", "e5", "e4", "inf5", "inf4", "inf3")
				.doesNotContain("m-done", "d-superseded", "e3", "inf2", "vital");
	}

	private static Item item(String type, String id, Kind kind, String key, String date, String status) {
		return new Item(type, id, "p1", kind, key, date, status);
	}
}
