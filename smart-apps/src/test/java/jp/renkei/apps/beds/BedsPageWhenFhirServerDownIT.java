package jp.renkei.apps.beds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Nothing listens at the FHIR base URL: the bed page and the ER app's launch say so, in the user's language, with 503. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BedsPageWhenFhirServerDownIT {

	@DynamicPropertySource
	static void fhirServer(DynamicPropertyRegistry registry) {
		registry.add("renkei.apps.fhir-base-url", () -> "http://127.0.0.1:" + closedPort() + "/fhir");
	}

	@LocalServerPort
	int port;

	private Browser browser;

	@BeforeEach
	void openBrowser() {
		browser = new Browser(port);
	}

	@Test
	void answers503WithAJapaneseExplanation() throws Exception {
		HttpResponse<String> page = browser.get("/beds");

		assertThat(page.statusCode()).isEqualTo(503);
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
		assertThat(page.body())
				.contains("<h1>地域連携サーバーに接続できません</h1>", "しばらくしてから再読み込みしてください")
				.doesNotContain("Exception", "127.0.0.1");
	}

	@Test
	void answers503InEnglishWhenAsked() throws Exception {
		HttpResponse<String> page = browser.get("/beds?lang=en");

		assertThat(page.statusCode()).isEqualTo(503);
		assertThat(page.body()).contains("<h1>Cannot reach the regional FHIR server</h1>").doesNotContain("Exception");
	}

	@Test
	void aLaunchOfTheErAppAnswers503TooInsteadOfRedirectingAnywhere() throws Exception {
		HttpResponse<String> page = browser.get("/er/start");

		assertThat(page.statusCode()).isEqualTo(503);
		assertThat(page.headers().firstValue("Location")).isEmpty();
		assertThat(page.body()).contains("<h1>地域連携サーバーに接続できません</h1>").doesNotContain("Exception", "127.0.0.1");
	}

	/** A loopback port that was free a moment ago and now has no listener. */
	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}
}
