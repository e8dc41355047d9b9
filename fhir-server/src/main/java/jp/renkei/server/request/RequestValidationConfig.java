package jp.renkei.server.request;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import jp.renkei.server.config.FhirEndpointConfig;
import jp.renkei.server.config.FhirServerProperties;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Wires the defences against malformed and abusive requests: the body filter in front of the FHIR
 * servlet, the header and search-limit interceptors, and OperationOutcome error pages for what
 * Tomcat refuses on its own.
 */
@Configuration
public class RequestValidationConfig {

	@Bean
	public FilterRegistrationBean<RequestBodyFilter> requestBodyFilter(FhirContext fhirContext, FhirServerProperties properties) {
		RequestBodyFilter filter = new RequestBodyFilter(properties.maxRequestSize().toBytes(),
				new StrictFhirJson(fhirContext), new OperationOutcomeResponse(fhirContext));
		FilterRegistrationBean<RequestBodyFilter> registration = new FilterRegistrationBean<>(filter);
		registration.addUrlPatterns(FhirEndpointConfig.FHIR_PATH + "/*");
		registration.setName("fhirRequestBody");
		// Before anything else reads the body or the parameters.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	public RequestHeadersInterceptor requestHeadersInterceptor() {
		return new RequestHeadersInterceptor();
	}

	@Bean
	public SearchLimitsInterceptor searchLimitsInterceptor(FhirServerProperties properties) {
		return new SearchLimitsInterceptor(properties);
	}

	@Bean
	public SearchModifierInterceptor searchModifierInterceptor(FhirContext fhirContext, ISearchParamRegistry searchParamRegistry) {
		return new SearchModifierInterceptor(fhirContext, searchParamRegistry);
	}

	@Bean
	public TransactionEntryTypeInterceptor transactionEntryTypeInterceptor() {
		return new TransactionEntryTypeInterceptor();
	}

	@Bean
	public PatchFailureInterceptor patchFailureInterceptor() {
		return new PatchFailureInterceptor();
	}

	@Bean
	public WebServerFactoryCustomizer<TomcatServletWebServerFactory> containerErrorsAsOperationOutcome() {
		return factory -> factory.addContextCustomizers(context -> {
			if (context.getParent() instanceof StandardHost host) {
				// The host adds a valve of this class itself when it starts, in place of Tomcat's HTML one.
				host.setErrorReportValveClass(ContainerErrorReportValve.class.getName());
			}
		});
	}
}
