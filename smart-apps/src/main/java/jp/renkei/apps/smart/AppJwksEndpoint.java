package jp.renkei.apps.smart;

import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /.well-known/jwks.json}: the apps' public key, where the FHIR server's authorization server fetches it. */
@RestController
class AppJwksEndpoint {

	private final AppSigningKey key;

	AppJwksEndpoint(AppSigningKey key) {
		this.key = key;
	}

	@GetMapping(value = "/.well-known/jwks.json", produces = "application/json")
	ResponseEntity<Map<String, Object>> jwks() {
		return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(key.publicJwks().toJSONObject(true));
	}
}
