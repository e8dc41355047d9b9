package jp.renkei.apps.smart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import jp.renkei.apps.fhir.RegionalFhirProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The SMART style of a launch ({@code smart_style_url}, SMART App Launch "Styling"): the EHR's
 * colours, fonts and corner radius, applied to the app's pages as CSS custom properties so they
 * look like the EHR they were opened from.
 *
 * <p>Fetched only from the configured FHIR server's origin (never from an arbitrary URL a token
 * response names), once per URL; only values that look like colours, lengths or font lists are
 * used, so the style can never inject CSS.
 */
@Component
public class SmartStyle {

	private static final Logger LOG = LoggerFactory.getLogger(SmartStyle.class);
	private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{3,8}|rgba?\\([0-9., ]{5,40}\\)");
	private static final Pattern LENGTH = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,2})?(px|rem|em)");
	private static final Pattern FONTS = Pattern.compile("[\\p{L}\\p{N} ,\"'\\-]{1,200}");
	/** smart_style_url field -> our CSS custom property, and what its value must look like. */
	private static final Map<String, Map.Entry<String, Pattern>> PROPERTIES = Map.of(
			"color_highlight", Map.entry("--smart-highlight", COLOR),
			"color_background", Map.entry("--smart-background", COLOR),
			"color_text", Map.entry("--smart-text", COLOR),
			"color_error", Map.entry("--smart-error", COLOR),
			"dim_border_radius", Map.entry("--smart-radius", LENGTH),
			"font_family_body", Map.entry("--smart-font", FONTS));

	private final String trustedOrigin;
	private final HttpClient http;
	private final RegionalFhirProperties properties;
	private final ObjectMapper json = new ObjectMapper();
	private final Map<String, String> cache = new ConcurrentHashMap<>();

	public SmartStyle(RegionalFhirProperties properties) {
		URI base = properties.fhirBaseUrl();
		this.trustedOrigin = base.getScheme() + "://" + base.getRawAuthority() + "/";
		this.properties = properties;
		this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
	}

	/** The {@code :root{...}} rule for the style at {@code styleUrl}, or empty (unknown origin, unreachable, nothing usable). */
	public Optional<String> css(String styleUrl) {
		if (styleUrl == null || !styleUrl.startsWith(trustedOrigin)) {
			return Optional.empty();
		}
		String css = cache.computeIfAbsent(styleUrl, this::fetch);
		return css.isEmpty() ? Optional.empty() : Optional.of(css);
	}

	private String fetch(String styleUrl) {
		try {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(styleUrl)).timeout(properties.readTimeout())
					.header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				return "";
			}
			return toCss(json.readTree(response.body()));
		} catch (IOException | IllegalArgumentException e) {
			LOG.info("SMART style {} not used: {}", styleUrl, e.getMessage());
			return "";
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

	static String toCss(JsonNode style) {
		Map<String, String> declarations = new LinkedHashMap<>();
		PROPERTIES.forEach((field, property) -> {
			String value = style.path(field).asText("").strip();
			if (property.getValue().matcher(value).matches()) {
				declarations.put(property.getKey(), value);
			}
		});
		if (declarations.isEmpty()) {
			return "";
		}
		StringBuilder css = new StringBuilder(":root{");
		declarations.entrySet().stream().sorted(Map.Entry.comparingByKey())
				.forEach(d -> css.append(d.getKey()).append(':').append(d.getValue()).append(';'));
		return css.append('}').toString();
	}
}
