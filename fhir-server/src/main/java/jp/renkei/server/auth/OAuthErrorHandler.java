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

/** Answers {@link OAuthException} from the OAuth endpoints as RFC 6749 section 5.2 error JSON. */
@RestControllerAdvice(assignableTypes = {TokenEndpoint.class, IntrospectionEndpoint.class, RevocationEndpoint.class,
		LaunchEndpoint.class})
public class OAuthErrorHandler {

	private static final Logger LOG = LoggerFactory.getLogger(OAuthErrorHandler.class);

	@ExceptionHandler(OAuthException.class)
	public ResponseEntity<Map<String, String>> handle(OAuthException e) {
		// The description never contains a secret or an assertion, so it is safe to log.
		LOG.info("OAuth request refused: {} ({})", e.error(), e.getMessage());
		Map<String, String> body = new LinkedHashMap<>();
		body.put("error", e.error());
		body.put("error_description", e.getMessage());
		ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status())
				.cacheControl(CacheControl.noStore())
				.header(HttpHeaders.PRAGMA, "no-cache");
		if (e.basicChallenge()) {
			response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"renkei\", charset=\"UTF-8\"");
		}
		return response.body(body);
	}
}
