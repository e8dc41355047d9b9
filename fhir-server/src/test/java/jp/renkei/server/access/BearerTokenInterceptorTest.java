package jp.renkei.server.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import java.util.HashMap;
import jp.renkei.server.auth.AccessTokenVerifier;
import org.junit.jupiter.api.Test;

/** The development flag: off by default (a request without a token is refused), on = no token needed and no caller. */
class BearerTokenInterceptorTest {

	private final RequestCaller callers = new RequestCaller();

	@Test
	void withoutTheFlagARequestWithoutTokenIsRefused() {
		BearerTokenInterceptor interceptor = new BearerTokenInterceptor(mock(AccessTokenVerifier.class), callers, new AccessProperties(false));

		assertThatThrownBy(() -> interceptor.authenticate(search())).isInstanceOf(AuthenticationException.class);
	}

	@Test
	void withTheFlagEveryRequestPassesWithoutACaller() {
		BearerTokenInterceptor interceptor = new BearerTokenInterceptor(mock(AccessTokenVerifier.class), callers, new AccessProperties(true));
		RequestDetails request = search();

		interceptor.authenticate(request);

		assertThat(callers.of(request)).isEmpty();
	}

	private static RequestDetails search() {
		RequestDetails request = mock(RequestDetails.class);
		when(request.getRestOperationType()).thenReturn(RestOperationTypeEnum.SEARCH_TYPE);
		when(request.getUserData()).thenReturn(new HashMap<>());
		return request;
	}
}
