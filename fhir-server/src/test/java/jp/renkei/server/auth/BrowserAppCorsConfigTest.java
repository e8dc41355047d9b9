package jp.renkei.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The CORS filter as the servlet container calls it: /fhir requests arrive with servlet path /fhir. */
class BrowserAppCorsConfigTest {

	private final Filter filter = new BrowserAppCorsConfig().browserAppCorsFilter().getFilter();

	@Test
	void answersAPreflightUnderHapisServletWithoutPassingItOn() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("OPTIONS", "/fhir/Patient/123");
		request.setServletPath("/fhir");
		request.setPathInfo("/Patient/123");
		request.addHeader("Origin", "http://127.0.0.1:5173");
		request.addHeader("Access-Control-Request-Method", "GET");
		request.addHeader("Access-Control-Request-Headers", "authorization, accept");
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();

		filter.doFilter(request, response, chain);

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getHeader("Access-Control-Allow-Origin")).isEqualTo("*");
		assertThat(response.getHeader("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
		assertThat(chain.getRequest()).as("not passed to HAPI").isNull();
	}

	@Test
	void refusesAPreflightForAMethodTheTokenEndpointDoesNotServe() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("OPTIONS", "/auth/token");
		request.setServletPath("/auth/token");
		request.addHeader("Origin", "http://127.0.0.1:5173");
		request.addHeader("Access-Control-Request-Method", "DELETE");
		MockHttpServletResponse response = new MockHttpServletResponse();

		filter.doFilter(request, response, new MockFilterChain());

		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getHeader("Access-Control-Allow-Origin")).isNull();
	}
}
