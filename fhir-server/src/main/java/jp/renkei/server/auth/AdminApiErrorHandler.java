package jp.renkei.server.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers {@link AdminApiException} from the admin APIs as error JSON with the status and challenge it names. */
@RestControllerAdvice(assignableTypes = {ClientRegistrationEndpoint.class, SigningKeyRotationEndpoint.class})
public class AdminApiErrorHandler {

	private static final Logger LOG = LoggerFactory.getLogger(AdminApiErrorHandler.class);

	@ExceptionHandler(AdminApiException.class)
	public ResponseEntity<Map<String, String>> handle(AdminApiException e) {
		LOG.info("Admin API request refused: {} {} ({})", e.status().value(), e.error(), e.getMessage());
		Map<String, String> body = new LinkedHashMap<>();
		body.put("error", e.error());
		body.put("error_description", e.getMessage());
		ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status())
				.cacheControl(CacheControl.noStore())
				.header(HttpHeaders.PRAGMA, "no-cache");
		if (e.challenge() != null) {
			response.header(HttpHeaders.WWW_AUTHENTICATE, e.challenge());
		}
		return response.body(body);
	}
}
