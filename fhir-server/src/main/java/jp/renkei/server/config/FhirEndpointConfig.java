package jp.renkei.server.config;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.narrative2.NullNarrativeGenerator;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.HardcodedServerAddressStrategy;
import ca.uhn.fhir.rest.server.IncomingRequestAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.util.List;
import jp.renkei.server.storage.ConcurrentWriteRetryInterceptor;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The FHIR REST endpoint: HAPI's {@link RestfulServer} with the JPA resource providers, served
 * under {@code /fhir/*}. Feature packages contribute interceptors as Spring beans annotated with
 * HAPI's {@code @Interceptor} ({@link FhirServerInterceptor}) and operations as plain providers
 * ({@link FhirServerProvider}); they are registered here in one place.
 */
@Configuration
public class FhirEndpointConfig {

	public static final String FHIR_PATH = "/fhir";

	@Bean
	public ConcurrentWriteRetryInterceptor concurrentWriteRetryInterceptor() {
		return new ConcurrentWriteRetryInterceptor(5);
	}

	@Bean
	public RestfulServer fhirRestfulServer(
			FhirContext fhirContext,
			IFhirSystemDao<?, ?> systemDao,
			JpaSystemProvider<?, ?> systemProvider,
			ResourceProviderFactory resourceProviderFactory,
			JpaStorageSettings storageSettings,
			ISearchParamRegistry searchParamRegistry,
			IValidationSupport validationSupport,
			DatabaseBackedPagingProvider pagingProvider,
			List<FhirServerInterceptor> interceptors,
			List<FhirServerProvider> operationProviders,
			ConcurrentWriteRetryInterceptor retryInterceptor,
			IInterceptorService interceptorService,
			FhirServerProperties properties) {
		// Parse strictly: unknown elements and wrong datatypes are errors, never silently dropped.
		fhirContext.setParserErrorHandler(new StrictErrorHandler());
		fhirContext.setNarrativeGenerator(new NullNarrativeGenerator());

		RestfulServer server = new RestfulServer(fhirContext);
		// One interceptor service for REST and storage pointcuts, shared with the JPA layer.
		server.setInterceptorService(interceptorService);
		server.registerProviders(resourceProviderFactory.createProviders());
		server.registerProvider(systemProvider);
		operationProviders.forEach(server::registerProvider);
		server.setServerConformanceProvider(new JpaCapabilityStatementProvider(
				server, systemDao, storageSettings, searchParamRegistry, validationSupport));
		server.setServerName("Renkei regional FHIR server");
		server.setImplementationDescription("地域医療連携 FHIR R4 server (JP Core)");
		server.setDefaultResponseEncoding(EncodingEnum.JSON);
		server.setDefaultPrettyPrint(false);

		pagingProvider.setDefaultPageSize(properties.defaultPageSize());
		pagingProvider.setMaximumPageSize(properties.maxPageSize());
		server.setPagingProvider(pagingProvider);

		server.setServerAddressStrategy(properties.publicBaseUrl().isBlank()
				? new IncomingRequestAddressStrategy()
				: new HardcodedServerAddressStrategy(properties.publicBaseUrl()));

		server.registerInterceptor(new ResponseHighlighterInterceptor());
		server.registerInterceptor(retryInterceptor);
		interceptors.forEach(server::registerInterceptor);
		return server;
	}

	@Bean
	public ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer fhirRestfulServer) {
		ServletRegistrationBean<RestfulServer> registration =
				new ServletRegistrationBean<>(fhirRestfulServer, FHIR_PATH + "/*");
		registration.setName("fhir");
		registration.setLoadOnStartup(1);
		return registration;
	}
}
