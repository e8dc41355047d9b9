package jp.renkei.apps.beds;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.renkei.apps.fhir.InMemoryFhirServer;
import jp.renkei.apps.fhir.InMemoryFhirServer.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The bed page, served over HTTP, reading a real FHIR endpoint over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BedsPageIT {

	/** Small pages, so the 15 beds arrive on 4 pages and the app must follow the next links. */
	private static final int PAGE_SIZE = 4;

	private static final InMemoryFhirServer FHIR =
			InMemoryFhirServer.withBeds(SmallRegion.organizations(), SmallRegion.locations(), PAGE_SIZE);

	@DynamicPropertySource
	static void fhirServer(DynamicPropertyRegistry registry) {
		registry.add("renkei.apps.fhir-base-url", FHIR::baseUrl);
		registry.add("renkei.apps.page-size", () -> PAGE_SIZE);
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
	void showsEveryFacilityWithItsBedsInJapaneseMostAvailableFirst() throws Exception {
		HttpResponse<String> page = browser.get("/beds");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
		String html = page.body();
		assertThat(html).contains("<html lang=\"ja\">", "<h1>空床状況</h1>", "3 施設・空床 4 床 / 全 15 床");

		assertThat(facilityNamesInOrder(html)).containsExactly(SmallRegion.MINATO, SmallRegion.YAMATE, SmallRegion.SAKURA);
		assertThat(facility(html, "Organization/minato")).contains(available(3), "/ 全 6 床", "使用中", status("occupied", 2), "清掃中", status("housekeeping", 1));
		assertThat(facility(html, "Organization/yamate")).contains(available(1), "/ 全 7 床", status("occupied", 4), "閉鎖", status("closed", 1), "状態不明", status("unknown", 1));
		assertThat(facility(html, "Organization/sakura")).contains(available(0), "/ 全 2 床", status("occupied", 2));
		assertThat(facility(html, "Organization/sakura")).startsWith("<li class=\"facility full\"");
	}

	@Test
	void showsEnglishWhenAskedAndRemembersIt() throws Exception {
		HttpResponse<String> english = browser.get("/beds?lang=en");

		assertThat(english.statusCode()).isEqualTo(200);
		assertThat(english.body()).contains("<html lang=\"en\">", "<h1>Bed availability</h1>", "3 facilities, 4 available of 15 beds", "Occupied",
				// Facility names are data, not translated.
				SmallRegion.MINATO);
		String cookie = english.headers().firstValue("Set-Cookie").orElseThrow();
		assertThat(cookie).startsWith("renkei-lang=en");

		HttpResponse<String> next = browser.get("/beds", cookie);
		assertThat(next.body()).contains("<h1>Bed availability</h1>");

		assertThat(browser.get("/beds?lang=ja").body()).contains("<h1>空床状況</h1>");
	}

	@Test
	void asksForSmallGzippedPagesAndFollowsThemAll() throws Exception {
		int before = FHIR.requests().size();

		browser.get("/beds");

		List<RecordedRequest> requests = FHIR.requests().subList(before, FHIR.requests().size());
		assertThat(requests).hasSize(4);
		assertThat(requests.get(0).query())
				.contains("physical-type=http%3A%2F%2Fterminology.hl7.org%2FCodeSystem%2Flocation-physical-type%7Cbd")
				.contains("_include=Location%3Aorganization")
				.contains("_elements=")
				.contains("_count=4");
		assertThat(requests.subList(1, 4)).allSatisfy(r -> assertThat(r.query()).contains("_getpages="));
		assertThat(requests).allSatisfy(r -> {
			assertThat(r.acceptEncoding()).contains("gzip");
			assertThat(r.authorization()).isNull();
		});
	}

	@Test
	void servesTheStylesheetWithAContentHashForLongCaching() throws Exception {
		Matcher link = Pattern.compile("href=\"(/css/app-[0-9a-f]{32}\\.css)\"").matcher(browser.get("/beds").body());
		assertThat(link.find()).isTrue();

		HttpResponse<String> css = browser.get(link.group(1));
		assertThat(css.statusCode()).isEqualTo(200);
		assertThat(css.headers().firstValue("Cache-Control")).hasValueSatisfying(value -> assertThat(value).contains("max-age=31536000"));
		assertThat(css.body().length()).isLessThan(5 * 1024);
	}

	@Test
	void unknownPagesGetALocalizedNotFoundPage() throws Exception {
		HttpResponse<String> page = browser.get("/no-such-page");

		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.body()).contains("ページが見つかりません").doesNotContain("Whitelabel");
	}

	private static List<String> facilityNamesInOrder(String html) {
		return Pattern.compile("<h2>([^<]+)</h2>").matcher(html).results().map(m -> m.group(1)).toList();
	}

	/** The list item of one facility: from its {@code <li>} to the next facility's, or to the list's end. */
	private static String facility(String html, String reference) {
		int start = html.lastIndexOf("<li", html.indexOf("data-facility=\"" + reference + "\""));
		int next = html.indexOf("<li class=\"facility", start + 1);
		return html.substring(start, next < 0 ? html.indexOf("</ol>", start) : next);
	}

	private static String available(int beds) {
		return "<data class=\"available\" value=\"" + beds + "\">" + beds + "</data>";
	}

	private static String status(String name, int beds) {
		return "<data class=\"status-" + name + "\" value=\"" + beds + "\">" + beds + "</data>";
	}
}
