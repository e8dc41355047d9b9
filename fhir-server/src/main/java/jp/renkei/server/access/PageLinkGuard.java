package jp.renkei.server.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.renkei.server.auth.Caller;
import jp.renkei.server.auth.ExpiringIdSet;
import jp.renkei.server.config.FhirServerInterceptor;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.stereotype.Component;

/**
 * Binds search and history page links ({@code ?_getpages=<id>}) to the caller they were handed to:
 * another token, even one that could read the same resources, cannot replay a link it did not
 * receive (its total and its resources were computed for someone else). The page's resources are
 * in any case checked again by {@link SmartAuthorizationInterceptor} against the caller fetching it.
 *
 * <p>In memory, per server instance, for as long as HAPI keeps search results: behind a load
 * balancer, page links must go back to the instance that issued them (sticky sessions) or this needs
 * a shared store.
 */
@Component
@Interceptor
public class PageLinkGuard implements FhirServerInterceptor {

	private static final Pattern PAGE_ID = Pattern.compile("[?&]" + Constants.PARAM_PAGINGACTION + "=([^&]+)");

	private final RequestCaller callers;
	private final ExpiringIdSet issuedLinks;
	private final Clock clock = Clock.systemUTC();
	private final Duration lifetime;

	public PageLinkGuard(RequestCaller callers, JpaStorageSettings storageSettings) {
		this.callers = callers;
		this.issuedLinks = new ExpiringIdSet(clock);
		Long expiry = storageSettings.getExpireSearchResultsAfterMillis();
		this.lifetime = Duration.ofMillis(expiry == null || expiry <= 0 ? Duration.ofHours(1).toMillis() : expiry);
	}

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = BearerTokenInterceptor.ORDER + 20)
	public void checkPageRequest(RequestDetails request) {
		if (request.getRestOperationType() != RestOperationTypeEnum.GET_PAGE) {
			return;
		}
		Optional<Caller> caller = callers.of(request);
		String[] pageIds = request.getParameters().get(Constants.PARAM_PAGINGACTION);
		if (caller.isPresent() && (pageIds == null || pageIds.length != 1 || !issuedLinks.contains(key(pageIds[0], caller.get())))) {
			throw BearerChallenge.forbidden("This page link was not issued to this caller; repeat the search instead");
		}
	}

	@Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
	public void rememberPageLinks(RequestDetails request, ResponseDetails response) {
		Optional<Caller> caller = callers.of(request);
		if (caller.isEmpty() || !(response.getResponseResource() instanceof Bundle bundle)) {
			return;
		}
		for (Bundle.BundleLinkComponent link : bundle.getLink()) {
			Matcher matcher = PAGE_ID.matcher(link.getUrl() == null ? "" : link.getUrl());
			if (matcher.find()) {
				issuedLinks.add(key(matcher.group(1), caller.get()), clock.instant().plus(lifetime));
			}
		}
	}

	/** The same client acting for the same user and patient may page on with a fresh token. */
	private static String key(String pageId, Caller caller) {
		return pageId + '\n' + caller.clientId() + '\n' + caller.subject() + '\n' + caller.patient().orElse("");
	}
}
