package jp.renkei.server.acceptance;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.cucumber.spring.CucumberContextConfiguration;
import jp.renkei.server.AbstractServerIT;

/** The scenarios run against the same server (same Spring context) as the other integration tests. */
@CucumberContextConfiguration
public class CucumberSpringConfiguration extends AbstractServerIT {

	public String fhirBaseUrl() {
		return baseUrl();
	}

	/** A FHIR client that sends the suite's access token. */
	public IGenericClient fhirClient() {
		return client();
	}

	public int port() {
		return port;
	}

	/** The origin tokens and client assertions are bound to. */
	@Override
	public String authOrigin() {
		return super.authOrigin();
	}
}
