package jp.renkei.server.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.Resource;

/**
 * The demo region: three hospitals and six clinics in 千葉県, their physicians, wards and beds, and
 * the records they hold about a number of fictional residents and the residents' consents to share
 * them ({@link ConsentGenerator}), as JP Core resources with fixed ids
 * ({@code demo-org-h1}, {@code demo-pat-0001-c3}, ...) in dependency order (everything a resource
 * references comes before it).
 *
 * <p>Deterministic: the same {@code patientCount} gives the same resources, byte for byte, on every
 * machine and every day; dates count back from {@link DemoCalendar#DEFAULT 2026-11-01}. Person
 * {@code n} does not depend on how many people are generated, so larger regions (for benchmarks)
 * extend smaller ones. The resources are new objects on each call; callers may change them.
 *
 * @param resources all resources, in dependency order
 */
public record DemoRegion(List<Resource> resources) {

	public DemoRegion {
		resources = List.copyOf(resources);
	}

	/**
	 * Generates the region.
	 *
	 * @param patientCount how many people to generate; each becomes one Patient record per facility
	 *     they are registered at (1.4 on average), all with the same name, birth date and phone
	 * @return the region
	 */
	public static DemoRegion generate(int patientCount) {
		if (patientCount < 0) {
			throw new IllegalArgumentException("patientCount must not be negative: " + patientCount);
		}
		DemoCalendar calendar = DemoCalendar.DEFAULT;
		FacilityGenerator facilityGenerator = new FacilityGenerator();
		List<Facility> facilities = facilityGenerator.facilities();
		List<Resource> resources = new ArrayList<>();
		facilities.forEach(facility -> resources.addAll(facilityGenerator.resourcesOf(facility)));
		PersonGenerator people = new PersonGenerator(calendar, facilities);
		PatientRecordGenerator records = new PatientRecordGenerator(calendar, new BedBoard(facilities));
		ConsentGenerator consents = new ConsentGenerator(calendar, facilities);
		for (int index = 1; index <= patientCount; index++) {
			DemoPerson person = people.person(index);
			List<Resource> personRecords = records.recordsOf(person);
			resources.addAll(personRecords);
			resources.addAll(consents.consentsOf(person, personRecords));
		}
		return new DemoRegion(resources);
	}

	/** The resources of one type, in region order. */
	public <T extends Resource> List<T> ofType(Class<T> type) {
		return resources.stream().filter(type::isInstance).map(type::cast).toList();
	}

	/** Number of resources per resource type, sorted by type name. */
	public Map<String, Integer> countsByType() {
		Map<String, Integer> counts = new TreeMap<>();
		resources.forEach(resource -> counts.merge(resource.fhirType(), 1, Integer::sum));
		return counts;
	}

	public int size() {
		return resources.size();
	}
}
