package jp.renkei.apps.beds;

import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResourceType;

/**
 * Bed availability across the region: every facility's beds counted by status, the facilities with
 * the most unoccupied beds first.
 *
 * @param facilities one summary per facility, sorted by available beds (descending), then name
 * @param retrievedAt when the FHIR server was asked
 */
public record BedCensus(List<FacilityBedSummary> facilities, ZonedDateTime retrievedAt) {

	/** Most available beds first; ties by name (unnamed last), then reference, so the order is stable. */
	static final Comparator<FacilityBedSummary> DISPLAY_ORDER = Comparator
			.comparingInt(FacilityBedSummary::available).reversed()
			.thenComparing(FacilityBedSummary::facilityName, Comparator.nullsLast(Comparator.naturalOrder()))
			.thenComparing(FacilityBedSummary::facilityReference, Comparator.nullsLast(Comparator.naturalOrder()));

	public BedCensus {
		facilities = List.copyOf(facilities);
	}

	/**
	 * Counts the beds in the pages of a {@code Location?physical-type=bd&_include=Location:organization}
	 * search. Beds are grouped by {@code Location.managingOrganization}; facility names come from the
	 * included Organizations, which may arrive on any page.
	 */
	public static BedCensus fromSearchPages(List<Bundle> pages, ZonedDateTime retrievedAt) {
		Map<String, String> facilityNames = new HashMap<>();
		Map<String, Map<BedStatus, Integer>> bedsByFacility = new LinkedHashMap<>();
		Map<String, String> namesFromReferences = new HashMap<>();

		for (Bundle page : pages) {
			for (Bundle.BundleEntryComponent entry : page.getEntry()) {
				if (entry.getResource() instanceof Organization organization) {
					facilityNames.put(referenceKey(organization.getIdElement()), organization.getName());
				} else if (entry.getResource() instanceof Location bed) {
					Reference facility = bed.getManagingOrganization();
					String key = facility.hasReference() ? referenceKey(new IdType(facility.getReference())) : null;
					if (key != null && facility.hasDisplay()) {
						namesFromReferences.putIfAbsent(key, facility.getDisplay());
					}
					bedsByFacility
							.computeIfAbsent(key, k -> new EnumMap<>(BedStatus.class))
							.merge(BedStatus.of(bed.getOperationalStatus()), 1, Integer::sum);
				}
			}
		}

		List<FacilityBedSummary> facilities = bedsByFacility.entrySet().stream()
				.map(beds -> {
					String name = facilityNames.get(beds.getKey());
					return new FacilityBedSummary(
							beds.getKey(), name != null ? name : namesFromReferences.get(beds.getKey()), beds.getValue());
				})
				.sorted(DISPLAY_ORDER)
				.toList();
		return new BedCensus(facilities, retrievedAt);
	}

	public int totalAvailable() {
		return facilities.stream().mapToInt(FacilityBedSummary::available).sum();
	}

	public int totalBeds() {
		return facilities.stream().mapToInt(FacilityBedSummary::total).sum();
	}

	/** {@code Organization/<id>}, whether the reference was relative, absolute or versioned. */
	private static String referenceKey(IdType id) {
		String type = id.hasResourceType() ? id.getResourceType() : ResourceType.Organization.name();
		return type + "/" + id.getIdPart();
	}
}
