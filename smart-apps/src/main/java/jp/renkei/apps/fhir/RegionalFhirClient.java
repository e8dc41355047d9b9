package jp.renkei.apps.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.gclient.IClientExecutable;
import ca.uhn.fhir.rest.gclient.IQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.stereotype.Service;

/**
 * The apps' one way to read the regional FHIR server over HTTP.
 *
 * <p>Holds a single thread-safe HAPI {@link IGenericClient} (JSON, gzip-compressed answers, pooled
 * connections, bounded timeouts, no {@code /metadata} round trip before the first call). The caller's
 * credentials are not part of the client: every call takes an {@link AccessTokenSource} and sends its
 * token as a header of that request only, so one client serves all users.
 *
 * <p>Failures surface as HAPI's exceptions: {@code FhirClientConnectionException} when the server
 * cannot be reached or does not answer in time, another {@code BaseServerResponseException} when it
 * answers with an error status.
 */
@Service
public class RegionalFhirClient {

	private final ApacheRestfulClientFactory factory;
	private final String baseUrl;
	private final IGenericClient client;
	private final int pageSize;

	public RegionalFhirClient(RegionalFhirProperties properties) {
		// Our own factory, so these settings do not leak into the JVM-wide cached FhirContext.
		ApacheRestfulClientFactory factory = new ApacheRestfulClientFactory(FhirContext.forR4Cached());
		factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
		factory.setConnectTimeout(millis(properties.connectTimeout()));
		factory.setConnectionRequestTimeout(millis(properties.connectTimeout()));
		factory.setSocketTimeout(millis(properties.readTimeout()));
		this.factory = factory;
		this.baseUrl = properties.fhirBaseUrl().toString();
		this.client = newClient();
		this.pageSize = properties.pageSize();
	}

	/**
	 * A client of its own (one per signed-in user), sharing this one's connection pool and timeouts,
	 * that sends the token of {@code tokens} as {@code Authorization: Bearer} on every request.
	 */
	public IGenericClient clientWith(AccessTokenSource tokens) {
		IGenericClient own = newClient();
		own.registerInterceptor(new BearerTokenInterceptor(tokens));
		return own;
	}

	private IGenericClient newClient() {
		// Apache HttpClient sends "Accept-Encoding: gzip,deflate" and inflates the answer itself.
		IGenericClient created = factory.newGenericClient(baseUrl);
		created.setEncoding(EncodingEnum.JSON);
		return created;
	}

	/**
	 * Runs the search and follows its {@code next} links until the last page.
	 *
	 * @return every page, in order; the first page is there even when nothing matched
	 */
	public List<Bundle> searchAllPages(FhirSearch search, AccessTokenSource tokens) {
		IQuery<IBaseBundle> query = client.search()
				.forResource(search.resourceType())
				.whereMap(search.criteria())
				.count(pageSize);
		for (String include : search.includes()) {
			query = query.include(new Include(include));
		}
		if (!search.elements().isEmpty()) {
			query = query.elementsSubset(search.elements().toArray(String[]::new));
		}

		List<Bundle> pages = new ArrayList<>();
		Bundle page = authorized(query.returnBundle(Bundle.class), tokens).execute();
		pages.add(page);
		while (page.getLink(IBaseBundle.LINK_NEXT) != null) {
			page = authorized(client.loadPage().next(page), tokens).execute();
			pages.add(page);
		}
		return pages;
	}

	private static <T extends IClientExecutable<T, ?>> T authorized(T request, AccessTokenSource tokens) {
		return tokens.accessToken()
				.map(token -> request.withAdditionalHeader("Authorization", "Bearer " + token))
				.orElse(request);
	}

	private static int millis(Duration duration) {
		return Math.toIntExact(duration.toMillis());
	}
}
