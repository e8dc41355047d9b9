package jp.renkei.apps.beds;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import jp.renkei.apps.fhir.InMemoryFhirServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The FHIR server answers the bed search with an error, as a plain R4 server without the
 * {@code physical-type} search parameter does (400): the bed page says so with 502.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BedsPageWhenFhirServerFailsIT {

	private static final InMemoryFhirServer FHIR = InMemoryFhirServer.withoutPhysicalTypeSearch();

	@DynamicPropertySource
	static void fhirServer(DynamicPropertyRegistry registry) {
		registry.add("renkei.apps.fhir-base-url", FHIR::baseUrl);
	}

	@AfterAll
	static void stopFhirServer() throws Exception {
		FHIR.close();
	}

	@LocalServerPort
	int port;

	private Browser browser;

	@BeforeEach
	void openBrowser() {
		browser = new Browser(port);
	}

	@Test
	void answers502WithAJapaneseExplanation() throws Exception {
		HttpResponse<String> page = browser.get("/beds");

		assertThat(page.statusCode()).isEqualTo(502);
		assertThat(page.body())
				.contains("<h1>地域連携サーバーがエラーを返しました</h1>")
				.doesNotContain("Exception", "physical-type");
	}

	@Test
	void answers502InEnglishWhenAsked() throws Exception {
		HttpResponse<String> page = browser.get("/beds?lang=en");

		assertThat(page.statusCode()).isEqualTo(502);
		assertThat(page.body()).contains("<h1>The regional FHIR server returned an error</h1>");
	}
}
