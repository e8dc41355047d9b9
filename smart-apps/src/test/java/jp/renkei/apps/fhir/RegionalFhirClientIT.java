package jp.renkei.apps.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@link RegionalFhirClient} against a real HAPI server over HTTP. */
class RegionalFhirClientIT {

	private static final FhirSearch BEDS = FhirSearch.forType("Location")
			.where("physical-type", "bd")
			.include("Location:organization")
			.elements("operationalStatus", "managingOrganization", "name");

	private static final InMemoryFhirServer FHIR = InMemoryFhirServer.withBeds(List.of(hospital()), beds(5), 2);

	@AfterAll
	static void stopFhirServer() throws Exception {
		FHIR.close();
	}

	@Test
	void followsNextLinksToTheLastPage() {
		List<Bundle> pages = client(FHIR.baseUrl(), 2).searchAllPages(BEDS, AccessTokenSource.none());

		assertThat(pages).hasSize(3);
		assertThat(pages.stream().flatMap(page -> page.getEntry().stream())
				.filter(entry -> entry.getResource() instanceof Location)).hasSize(5);
		assertThat(pages.get(0).getEntry()).anySatisfy(entry -> assertThat(entry.getResource()).isInstanceOf(Organization.class));
	}

	@Test
	void receivesOnlyTheElementsAskedFor() {
		Bundle first = client(FHIR.baseUrl(), 2).searchAllPages(BEDS, AccessTokenSource.none()).get(0);

		Location bed = (Location) first.getEntryFirstRep().getResource();
		assertThat(bed.hasOperationalStatus()).isTrue();
		assertThat(bed.hasPhysicalType()).as("physicalType was not asked for").isFalse();
	}

	@Test
	void sendsTheCurrentTokenWithEveryPageRequest() {
		AtomicInteger calls = new AtomicInteger();
		AccessTokenSource rotating = () -> Optional.of("token-" + calls.incrementAndGet());
		int before = FHIR.requests().size();

		client(FHIR.baseUrl(), 2).searchAllPages(BEDS, rotating);

		assertThat(FHIR.requests().subList(before, FHIR.requests().size()))
				.extracting(InMemoryFhirServer.RecordedRequest::authorization)
				.containsExactly("Bearer token-1", "Bearer token-2", "Bearer token-3");
	}

	@Test
	void reportsAServerErrorAsHapisException() {
		FhirSearch unknownParameter = FhirSearch.forType("Location").where("no-such-parameter", "x");

		assertThatThrownBy(() -> client(FHIR.baseUrl(), 2).searchAllPages(unknownParameter, AccessTokenSource.none()))
				.isInstanceOf(InvalidRequestException.class);
	}

	@Test
	void reportsAnUnreachableServerAsAConnectionFailure() {
		InMemoryFhirServer stopped = InMemoryFhirServer.withBeds(List.of(), List.of(), 2);
		String base = stopped.baseUrl();
		try {
			stopped.close();
		} catch (Exception e) {
			throw new IllegalStateException(e);
		}

		assertThatThrownBy(() -> client(base, 2).searchAllPages(BEDS, AccessTokenSource.none()))
				.isInstanceOf(FhirClientConnectionException.class);
	}

	private static RegionalFhirClient client(String baseUrl, int pageSize) {
		return new RegionalFhirClient(
				new RegionalFhirProperties(URI.create(baseUrl), Duration.ofSeconds(2), Duration.ofSeconds(5), pageSize));
	}

	private static Organization hospital() {
		Organization hospital = new Organization();
		hospital.setId("Organization/h");
		hospital.setName("市立みなと総合病院");
		return hospital;
	}

	private static List<Location> beds(int count) {
		return IntStream.rangeClosed(1, count).mapToObj(i -> {
			Location bed = new Location();
			bed.setId("Location/bed-" + i);
			bed.getPhysicalType().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/location-physical-type", "bd", null));
			bed.setOperationalStatus(new Coding("http://terminology.hl7.org/CodeSystem/v2-0116", "U", null));
			bed.setManagingOrganization(new Reference("Organization/h"));
			return bed;
		}).toList();
	}
}
