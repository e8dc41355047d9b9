package jp.renkei.server.auth;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import jp.renkei.server.config.FhirServerInterceptor;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestSecurityComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;
import org.springframework.stereotype.Component;

/**
 * Declares SMART on FHIR in the CapabilityStatement's {@code rest.security}: the service coding
 * and the {@code oauth-uris} extension, for clients that discover endpoints from {@code /metadata}.
 */
@Component
@Interceptor
public class SmartCapabilityStatementInterceptor implements FhirServerInterceptor {

	static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";
	static final String SECURITY_SERVICE = "http://terminology.hl7.org/CodeSystem/restful-security-service";

	private final AuthServerUrls urls;

	public SmartCapabilityStatementInterceptor(AuthServerUrls urls) {
		this.urls = urls;
	}

	@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
	public void declareSmart(IBaseConformance generated) {
		CapabilityStatement capabilities = (CapabilityStatement) generated;
		for (CapabilityStatement.CapabilityStatementRestComponent rest : capabilities.getRest()) {
			CapabilityStatementRestSecurityComponent security = new CapabilityStatementRestSecurityComponent();
			security.setCors(true);
			security.addService(new CodeableConcept(new Coding(SECURITY_SERVICE, "SMART-on-FHIR", "SMART-on-FHIR"))
					.setText("OAuth2 using SMART-on-FHIR profile (see .well-known/smart-configuration)"));
			Extension oauth = security.addExtension().setUrl(OAUTH_URIS);
			oauth.addExtension("authorize", new UriType(urls.authorizationEndpoint()));
			oauth.addExtension("token", new UriType(urls.tokenEndpoint()));
			oauth.addExtension("introspect", new UriType(urls.introspectionEndpoint()));
			oauth.addExtension("revoke", new UriType(urls.revocationEndpoint()));
			rest.setSecurity(security);
		}
	}
}
