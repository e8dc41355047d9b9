package jp.renkei.apps.smart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import jp.renkei.apps.fhir.RegionalFhirProperties;
import org.junit.jupiter.api.Test;

class SmartStyleTest {

	private final ObjectMapper json = new ObjectMapper();

	@Test
	void takesTheEhrsColoursRadiusAndFontsAsCustomProperties() throws Exception {
		String css = SmartStyle.toCss(json.readTree("""
				{"color_highlight":"#0b5cad","color_background":"#f7f8fa","color_text":"#1f2328","color_error":"#b00020",
				 "dim_border_radius":"6px","font_family_body":"\\"Hiragino Sans\\", \\"Noto Sans JP\\", Meiryo, sans-serif"}"""));

		assertThat(css).isEqualTo(":root{--smart-background:#f7f8fa;--smart-error:#b00020;"
				+ "--smart-font:\"Hiragino Sans\", \"Noto Sans JP\", Meiryo, sans-serif;--smart-highlight:#0b5cad;"
				+ "--smart-radius:6px;--smart-text:#1f2328;}");
	}

	@Test
	void dropsValuesThatCouldInjectCss() throws Exception {
		String css = SmartStyle.toCss(json.readTree("""
				{"color_highlight":"red;}body{display:none","font_family_body":"x</style><script>","dim_border_radius":"6px"}"""));

		assertThat(css).isEqualTo(":root{--smart-radius:6px;}");
		assertThat(SmartStyle.toCss(json.readTree("{}"))).isEmpty();
	}

	@Test
	void fetchesOnlyFromTheFhirServersOrigin() {
		SmartStyle style = new SmartStyle(new RegionalFhirProperties(URI.create("http://127.0.0.1:9/fhir"), Duration.ofSeconds(1),
				Duration.ofSeconds(1), 20));

		assertThat(style.css("https://attacker.example/style.json")).isEmpty();
		assertThat(style.css("http://127.0.0.1:99/auth/smart-style.json")).isEmpty();
		assertThat(style.css(null)).isEmpty();
	}
}
