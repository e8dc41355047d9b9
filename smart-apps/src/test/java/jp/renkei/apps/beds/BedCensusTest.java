package jp.renkei.apps.beds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class BedCensusTest {

	private static final ZonedDateTime NOW = ZonedDateTime.of(2025, 4, 1, 9, 30, 0, 0, ZoneId.of("Asia/Tokyo"));

	@Test
	void countsBedsPerFacilityByStatus() {
		BedCensus census = BedCensus.fromSearchPages(List.of(searchPage(bedsOnly(SmallRegion.locations()), SmallRegion.organizations())), NOW);

		assertThat(census.facilities())
				.extracting(FacilityBedSummary::facilityName, FacilityBedSummary::available, FacilityBedSummary::total)
				.containsExactly(
						tuple(SmallRegion.MINATO, 3, 6),
						tuple(SmallRegion.YAMATE, 1, 7),
						tuple(SmallRegion.SAKURA, 0, 2));
		FacilityBedSummary yamate = census.facilities().get(1);
		assertThat(yamate.facilityReference()).isEqualTo("Organization/yamate");
		assertThat(yamate.bedsByStatus()).isEqualTo(Map.of(
				BedStatus.UNOCCUPIED, 1, BedStatus.OCCUPIED, 4, BedStatus.CLOSED, 1, BedStatus.UNKNOWN, 1));
		assertThat(census.totalAvailable()).isEqualTo(SmallRegion.AVAILABLE);
		assertThat(census.totalBeds()).isEqualTo(SmallRegion.BEDS);
		assertThat(census.retrievedAt()).isEqualTo(NOW);
	}

	@Test
	void listsTheOtherStatusesInTableOrderWithoutEmptyOnes() {
		BedCensus census = BedCensus.fromSearchPages(List.of(searchPage(bedsOnly(SmallRegion.locations()), SmallRegion.organizations())), NOW);

		assertThat(census.facilities().get(1).otherStatuses())
				.extracting(FacilityBedSummary.StatusCount::status, FacilityBedSummary.StatusCount::beds)
				.containsExactly(tuple(BedStatus.OCCUPIED, 4), tuple(BedStatus.CLOSED, 1), tuple(BedStatus.UNKNOWN, 1));
	}

	@Test
	void sortsByAvailableBedsThenByName() {
		Organization a = SmallRegion.organization("a", "あおば病院");
		Organization b = SmallRegion.organization("b", "いずみ病院");
		Organization c = SmallRegion.organization("c", "うみべ病院");
		List<Location> beds = List.of(
				SmallRegion.bed("c1", c, "U"), SmallRegion.bed("c2", c, "U"),
				SmallRegion.bed("b1", b, "U"),
				SmallRegion.bed("a1", a, "U"), SmallRegion.bed("a2", a, "O"), SmallRegion.bed("a3", a, "O"));

		BedCensus census = BedCensus.fromSearchPages(List.of(searchPage(beds, List.of(a, b, c))), NOW);

		assertThat(census.facilities()).extracting(FacilityBedSummary::facilityName)
				.containsExactly("うみべ病院", "あおば病院", "いずみ病院");
	}

	@Test
	void joinsBedsAndFacilitiesAcrossPages() {
		Organization hospital = SmallRegion.organization("h", "みなと病院");
		Bundle first = searchPage(List.of(SmallRegion.bed("1", hospital, "O")), List.of());
		Bundle second = searchPage(List.of(SmallRegion.bed("2", hospital, "U")), List.of(hospital));
		Bundle third = searchPage(List.of(SmallRegion.bed("3", hospital, "U")), List.of(hospital));

		BedCensus census = BedCensus.fromSearchPages(List.of(first, second, third), NOW);

		assertThat(census.facilities())
				.extracting(FacilityBedSummary::facilityName, FacilityBedSummary::available, FacilityBedSummary::total)
				.containsExactly(tuple("みなと病院", 2, 3));
	}

	@Test
	void matchesAbsoluteAndVersionedReferencesToTheIncludedFacility() {
		Organization hospital = SmallRegion.organization("h", "みなと病院");
		Location absolute = SmallRegion.bed("1", null, "U");
		absolute.setManagingOrganization(new Reference("http://fhir.example.jp/fhir/Organization/h"));
		Location versioned = SmallRegion.bed("2", null, "U");
		versioned.setManagingOrganization(new Reference("Organization/h/_history/3"));

		BedCensus census = BedCensus.fromSearchPages(List.of(searchPage(List.of(absolute, versioned), List.of(hospital))), NOW);

		assertThat(census.facilities())
				.extracting(FacilityBedSummary::facilityReference, FacilityBedSummary::facilityName, FacilityBedSummary::available)
				.containsExactly(tuple("Organization/h", "みなと病院", 2));
	}

	@Test
	void keepsBedsWhoseFacilityIsUnknownOrUnnamed() {
		Location withoutFacility = SmallRegion.bed("1", null, "U");
		Location withDisplayOnly = SmallRegion.bed("2", null, "O");
		withDisplayOnly.setManagingOrganization(new Reference("Organization/x").setDisplay("やまて診療所"));
		Location unresolved = SmallRegion.bed("3", null, "O");
		unresolved.setManagingOrganization(new Reference("Organization/y"));

		BedCensus census = BedCensus.fromSearchPages(
				List.of(searchPage(List.of(withoutFacility, withDisplayOnly, unresolved), List.of())), NOW);

		assertThat(census.facilities())
				.extracting(FacilityBedSummary::facilityReference, FacilityBedSummary::facilityName, FacilityBedSummary::total)
				.containsExactly(
						tuple(null, null, 1),
						tuple("Organization/x", "やまて診療所", 1),
						tuple("Organization/y", null, 1));
	}

	@Test
	void treatsMissingOrForeignStatusCodesAsUnknown() {
		Organization hospital = SmallRegion.organization("h", "みなと病院");
		Location noStatus = SmallRegion.bed("1", hospital, null);
		Location foreignSystem = SmallRegion.bed("2", hospital, null);
		foreignSystem.setOperationalStatus(new Coding("urn:oid:1.2.392.999", "U", "空床"));
		Location unknownCode = SmallRegion.bed("3", hospital, "Z");

		BedCensus census = BedCensus.fromSearchPages(
				List.of(searchPage(List.of(noStatus, foreignSystem, unknownCode), List.of(hospital))), NOW);

		assertThat(census.facilities().get(0).bedsByStatus()).isEqualTo(Map.of(BedStatus.UNKNOWN, 3));
		assertThat(census.totalAvailable()).isZero();
	}

	@Test
	void anEmptyAnswerIsAnEmptyCensus() {
		BedCensus census = BedCensus.fromSearchPages(List.of(new Bundle().setType(Bundle.BundleType.SEARCHSET)), NOW);

		assertThat(census.facilities()).isEmpty();
		assertThat(census.totalBeds()).isZero();
	}

	/** The beds of the fixture, as the server's physical-type search would return them. */
	private static List<Location> bedsOnly(List<Location> locations) {
		return locations.stream()
				.filter(l -> l.getPhysicalType().getCodingFirstRep().getCode().equals("bd"))
				.toList();
	}

	private static Bundle searchPage(List<Location> matches, List<Organization> includes) {
		Bundle page = new Bundle().setType(Bundle.BundleType.SEARCHSET);
		matches.forEach(bed -> add(page, bed, Bundle.SearchEntryMode.MATCH));
		includes.forEach(facility -> add(page, facility, Bundle.SearchEntryMode.INCLUDE));
		return page;
	}

	private static void add(Bundle page, Resource resource, Bundle.SearchEntryMode mode) {
		page.addEntry()
				.setFullUrl("http://fhir.example.jp/fhir/" + resource.getIdElement().getValue())
				.setResource(resource)
				.getSearch().setMode(mode);
	}
}
