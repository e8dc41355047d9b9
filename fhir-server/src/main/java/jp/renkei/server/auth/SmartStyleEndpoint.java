package jp.renkei.server.auth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /auth/smart-style.json}: the default {@code smart_style_url} (SMART App Launch
 * "Styling"): the colours, fonts and sizes of the region's pages, so apps can match them.
 */
@RestController
public class SmartStyleEndpoint {

	@GetMapping(value = AuthServerUrls.AUTH_PATH + "/smart-style.json", produces = "application/json")
	public ResponseEntity<Map<String, Object>> style() {
		Map<String, Object> style = new LinkedHashMap<>();
		style.put("color_background", "#f7f8fa");
		style.put("color_error", "#b00020");
		style.put("color_highlight", "#0b5cad");
		style.put("color_modal_backdrop", "rgba(0, 0, 0, 0.4)");
		style.put("color_success", "#1b7f3b");
		style.put("color_text", "#1f2328");
		style.put("dim_border_radius", "6px");
		style.put("dim_font_size", "16px");
		style.put("dim_spacing_size", "16px");
		style.put("font_family_body", "\"Hiragino Sans\", \"Noto Sans JP\", \"Yu Gothic\", Meiryo, sans-serif");
		style.put("font_family_heading", "\"Hiragino Sans\", \"Noto Sans JP\", \"Yu Gothic\", Meiryo, sans-serif");
		return ResponseEntity.ok()
				.cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
				.header("Access-Control-Allow-Origin", "*")
				.body(style);
	}
}
