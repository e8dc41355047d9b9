package jp.renkei.apps.beds;

import java.time.Clock;
import java.time.ZonedDateTime;
import jp.renkei.apps.fhir.AccessTokenSource;
import jp.renkei.apps.fhir.FhirSearch;
import jp.renkei.apps.fhir.RegionalFhirClient;
import org.springframework.stereotype.Service;

/**
 * Asks the regional FHIR server for every bed and its facility and counts them.
 *
 * <p>Beds are {@code Location}s of physical type {@code bd}. R4 itself defines no {@code physical-type}
 * search parameter (R5 does); the regional server provides it as a custom SearchParameter on
 * {@code Location.physicalType}.
 */
@Service
public class BedAvailabilityService {

	static final FhirSearch ALL_BEDS = FhirSearch.forType("Location")
			.where("physical-type", "http://terminology.hl7.org/CodeSystem/location-physical-type|bd")
			.include("Location:organization")
			// Only what the census reads: the bed's status and facility, the facility's name.
			.elements("operationalStatus", "managingOrganization", "name");

	private final RegionalFhirClient fhir;
	private final Clock clock;

	public BedAvailabilityService(RegionalFhirClient fhir, Clock clock) {
		this.fhir = fhir;
		this.clock = clock;
	}

	/** The region's bed availability now, read with the caller's token. */
	public BedCensus currentCensus(AccessTokenSource tokens) {
		ZonedDateTime askedAt = ZonedDateTime.now(clock);
		return BedCensus.fromSearchPages(fhir.searchAllPages(ALL_BEDS, tokens), askedAt);
	}
}
