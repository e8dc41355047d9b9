package jp.renkei.server.summary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import jp.renkei.server.summary.SummaryIndex.Item;
import jp.renkei.server.summary.SummaryIndex.Kind;

/**
 * Which of a person's indexed items the summary reads: every allergy and problem, the current
 * prescriptions and documents, the newest infection results, the newest results of the tests with
 * the newest results, and the newest operations, encounters, imaging studies and their reports —
 * within {@link SummaryProperties}. What it picks is then read, checked against consent and composed.
 */
final class SummarySelection {

	/** The most allergies or problems read for one person (a safeguard, far above real records). */
	static final int MAX_PER_LIST = 500;
	private static final Comparator<Item> NEWEST_FIRST = Comparator
			.comparing((Item item) -> item.date() == null ? "" : item.date(), Comparator.reverseOrder())
			.thenComparing(Item::id);

	private SummarySelection() {
	}

	static List<Item> choose(List<Item> items, SummaryProperties limits) {
		List<Item> chosen = new ArrayList<>();
		chosen.addAll(newest(items, Kind.ALLERGY, item -> true, MAX_PER_LIST));
		chosen.addAll(newest(items, Kind.CONDITION, item -> true, MAX_PER_LIST));
		chosen.addAll(newest(items, Kind.MEDICATION, item -> "active".equals(item.status()), limits.medications()));
		chosen.addAll(newest(items, Kind.INFECTION, item -> true, limits.infectionResults()));
		chosen.addAll(recentLabs(items, limits));
		chosen.addAll(newest(items, Kind.PROCEDURE, item -> true, limits.procedures() * 2));
		chosen.addAll(newest(items, Kind.ENCOUNTER, item -> true, limits.encounters()));
		chosen.addAll(newest(items, Kind.IMAGING, item -> true, limits.imagingStudies()));
		chosen.addAll(newest(items, Kind.REPORT, item -> true, limits.imagingStudies() * 3));
		chosen.addAll(newest(items, Kind.DOCUMENT, item -> "current".equals(item.status()), limits.documents()));
		return chosen;
	}

	private static List<Item> newest(List<Item> items, Kind kind, Predicate<Item> wanted, int limit) {
		return items.stream().filter(item -> item.kind() == kind).filter(wanted).sorted(NEWEST_FIRST).limit(limit).toList();
	}

	/** The newest results of each test, for the tests with the newest results. */
	private static List<Item> recentLabs(List<Item> items, SummaryProperties limits) {
		Map<String, List<Item>> byTest = new LinkedHashMap<>();
		items.stream().filter(item -> item.kind() == Kind.LAB).sorted(NEWEST_FIRST)
				.forEach(item -> byTest.computeIfAbsent(String.valueOf(item.key()), k -> new ArrayList<>()).add(item));
		return byTest.values().stream().limit(limits.labTests())
				.flatMap(results -> results.stream().limit(limits.labValuesPerTest())).toList();
	}
}
