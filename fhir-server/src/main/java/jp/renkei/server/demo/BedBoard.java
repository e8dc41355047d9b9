package jp.renkei.server.demo;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import jp.renkei.server.demo.DemoCondition.Department;
import jp.renkei.server.demo.Facility.Bed;
import jp.renkei.server.demo.Facility.BedStatus;

/**
 * Hands out the occupied beds of each hospital to the demo patients admitted now, so that an
 * in-progress stay points at an occupied bed and no bed holds two patients. Occupied beds left over
 * hold patients outside the regional network. One board per generation run.
 */
final class BedBoard {

	private final Map<String, Deque<Bed>> freeOccupiedBeds = new HashMap<>();

	BedBoard(List<Facility> facilities) {
		for (Facility facility : facilities) {
			Deque<Bed> beds = new ArrayDeque<>();
			facility.wards().forEach(ward -> ward.beds().stream()
					.filter(bed -> bed.status() == BedStatus.OCCUPIED)
					.forEach(beds::add));
			freeOccupiedBeds.put(facility.key(), beds);
		}
	}

	/** The next occupied bed nobody in the demo lies in yet, or empty when the hospital is full. */
	Optional<Bed> takeOccupiedBed(Facility hospital) {
		return Optional.ofNullable(freeOccupiedBeds.get(hospital.key()).poll());
	}

	/** A bed of the department's ward for a past stay (beds change hands, so any bed will do). */
	static Bed pastBed(Facility hospital, Department department, Random random) {
		List<Bed> beds = hospital.wards().stream()
				.filter(ward -> ward.department() == department)
				.flatMap(ward -> ward.beds().stream())
				.toList();
		if (beds.isEmpty()) {
			beds = hospital.wards().stream().flatMap(ward -> ward.beds().stream()).toList();
		}
		return beds.get(random.nextInt(beds.size()));
	}
}
