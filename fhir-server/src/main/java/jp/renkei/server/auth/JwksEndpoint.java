package jp.renkei.server.auth;

import java.time.Duration;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /auth/jwks}: the public keys that verify our access tokens (active and recently retired). */
@RestController
public class JwksEndpoint {

	private final SigningKeys keys;

	public JwksEndpoint(SigningKeys keys) {
		this.keys = keys;
	}

	@GetMapping(value = AuthServerUrls.AUTH_PATH + "/jwks", produces = "application/jwk-set+json")
	public ResponseEntity<Map<String, Object>> jwks() {
		// Short caching: a resource server must see a rotated key well within a token's lifetime.
		return ResponseEntity.ok()
				.cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)))
				.header("Access-Control-Allow-Origin", "*")
				.body(keys.publicKeys().toJSONObject(true));
	}
}
