package jp.renkei.apps.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;

/**
 * A real FHIR endpoint over HTTP for tests: HAPI's plain {@link RestfulServer} on an embedded Tomcat
 * bound to 127.0.0.1 on a free port, serving Locations held in memory.
 *
 * <p>Its Location search takes exactly what the regional server is asked for ({@code physical-type},
 * {@code _include=Location:organization}); HAPI itself applies {@code _elements}, {@code _count} and
 * paging, and answers 400 to anything else. It records every request's headers.
 */
public final class InMemoryFhirServer implements AutoCloseable {

	/** What the server saw of one HTTP request. */
	public record RecordedRequest(String query, String authorization, String acceptEncoding, String path, String purposeOfUse,
			String emergencyReason, String emergencyPatient) {}

	private final Tomcat tomcat;
	private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	private InMemoryFhirServer(IResourceProvider locations, int maxPageSize) {
		RestfulServer fhir = new RestfulServer(FhirContext.forR4());
		fhir.setResourceProviders(locations);
		FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(20);
		paging.setDefaultPageSize(maxPageSize);
		paging.setMaximumPageSize(maxPageSize);
		fhir.setPagingProvider(paging);
		fhir.registerInterceptor(this);

		tomcat = new Tomcat();
		try {
			tomcat.setBaseDir(Files.createTempDirectory("fhir-tomcat").toString());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		tomcat.setPort(0);
		tomcat.getConnector().setProperty("address", "127.0.0.1");
		Context context = tomcat.addContext("", null);
		Tomcat.addServlet(context, "fhir", fhir);
		context.addServletMappingDecoded("/fhir/*", "fhir");
		try {
			tomcat.start();
		} catch (LifecycleException e) {
			throw new IllegalStateException("Test FHIR server did not start", e);
		}
	}

	/** A server whose Location search finds beds by {@code physical-type}, pages of at most {@code maxPageSize}. */
	public static InMemoryFhirServer withBeds(
			List<Organization> organizations, List<Location> locations, int maxPageSize) {
		return new InMemoryFhirServer(new BedSearch(organizations, locations), maxPageSize);
	}

	/** A server with just {@code provider} (for the ER app: a Patient provider with {@code $summary}). */
	public static InMemoryFhirServer with(IResourceProvider provider) {
		return new InMemoryFhirServer(provider, 20);
	}

	/** A plain R4 server: Location searchable by name only, as R4 defines no {@code physical-type}. */
	public static InMemoryFhirServer withoutPhysicalTypeSearch() {
		return new InMemoryFhirServer(new NameSearchOnly(), 20);
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/fhir";
	}

	public List<RecordedRequest> requests() {
		return List.copyOf(requests);
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
	public boolean record(HttpServletRequest request) {
		requests.add(new RecordedRequest(
				request.getQueryString(), request.getHeader("Authorization"), request.getHeader("Accept-Encoding"),
				request.getRequestURI(), request.getHeader("X-Purpose-Of-Use"), request.getHeader("X-Emergency-Reason"),
				request.getHeader("X-Emergency-Patient")));
		return true;
	}

	@Override
	public void close() throws LifecycleException {
		tomcat.stop();
		tomcat.destroy();
	}

	/** Location search by physical type, with the managing organizations as includes. */
	public static final class BedSearch implements IResourceProvider {

		private final Map<String, Organization> organizations;
		private final List<Location> locations;

		BedSearch(List<Organization> organizations, List<Location> locations) {
			this.organizations = organizations.stream()
					.collect(Collectors.toMap(o -> "Organization/" + o.getIdElement().getIdPart(), Function.identity()));
			this.locations = List.copyOf(locations);
		}

		@Override
		public Class<Location> getResourceType() {
			return Location.class;
		}

		@Search
		public List<Location> byPhysicalType(
				@RequiredParam(name = "physical-type") TokenParam physicalType,
				@IncludeParam(allow = "Location:organization") Set<Include> includes) {
			boolean includeOrganization = includes != null && !includes.isEmpty();
			return locations.stream()
					.filter(location -> location.getPhysicalType().getCoding().stream().anyMatch(coding ->
							coding.getCode().equals(physicalType.getValue())
									&& (physicalType.getSystem() == null || coding.getSystem().equals(physicalType.getSystem()))))
					.map(location -> {
						Location copy = location.copy();
						// The plain server adds an include for each reference whose resource is set.
						if (includeOrganization && copy.hasManagingOrganization()) {
							copy.getManagingOrganization()
									.setResource(organizations.get(copy.getManagingOrganization().getReference()));
						}
						return copy;
					})
					.toList();
		}
	}

	/** Only the search parameters R4 defines for Location (name, here). */
	public static final class NameSearchOnly implements IResourceProvider {

		@Override
		public Class<Location> getResourceType() {
			return Location.class;
		}

		@Search
		public List<Location> byName(@RequiredParam(name = Location.SP_NAME) StringParam name) {
			return List.of();
		}
	}
}
