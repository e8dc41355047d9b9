package jp.renkei.apps.beds;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The beds of one facility, counted by operational status.
 *
 * @param facilityReference {@code Organization/<id>} of the facility, or {@code null} for beds that
 *     name no managing organization
 * @param facilityName the facility's name, or {@code null} when the server gave none
 * @param bedsByStatus how many beds are in each status; statuses without beds may be absent
 */
public record FacilityBedSummary(String facilityReference, String facilityName, Map<BedStatus, Integer> bedsByStatus) {

	public FacilityBedSummary {
		EnumMap<BedStatus, Integer> copy = new EnumMap<>(BedStatus.class);
		copy.putAll(bedsByStatus);
		bedsByStatus = Collections.unmodifiableMap(copy);
	}

	/** One line of the status breakdown. */
	public record StatusCount(BedStatus status, int beds) {}

	public int beds(BedStatus status) {
		return bedsByStatus.getOrDefault(status, 0);
	}

	/** Beds that can take a patient now (v2-0116 {@code U}, unoccupied). */
	public int available() {
		return beds(BedStatus.UNOCCUPIED);
	}

	public int total() {
		return bedsByStatus.values().stream().mapToInt(Integer::intValue).sum();
	}

	/** The statuses other than unoccupied that have beds, in {@link BedStatus} order. */
	public List<StatusCount> otherStatuses() {
		return Arrays.stream(BedStatus.values())
				.filter(status -> status != BedStatus.UNOCCUPIED && beds(status) > 0)
				.map(status -> new StatusCount(status, beds(status)))
				.toList();
	}
}
