package jp.renkei.server.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /auth/admin/keys/rotate} (admin token): a new token signing key becomes active; the
 * previous ones stay published until every token they signed has expired. The answer names the
 * active key and all published ones. Other nodes sharing the key directory follow within
 * {@link SigningKeys#RELOAD_INTERVAL}. The command-line equivalent is {@link SigningKeyRotation}.
 */
@RestController
public class SigningKeyRotationEndpoint {

	private static final Logger LOG = LoggerFactory.getLogger(SigningKeyRotationEndpoint.class);

	private final AdminAccess admin;
	private final SigningKeys keys;

	public SigningKeyRotationEndpoint(AdminAccess admin, SigningKeys keys) {
		this.admin = admin;
		this.keys = keys;
	}

	@PostMapping(AuthServerUrls.AUTH_PATH + "/admin/keys/rotate")
	public ResponseEntity<Map<String, Object>> rotate(HttpServletRequest request) {
		Caller caller = admin.require(request);
		RSAKey key = keys.rotate();
		LOG.info("Token signing keys rotated by {}: {} is now active", caller.clientId(), key.getKeyID());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("active_kid", key.getKeyID());
		body.put("published_kids", keys.publicKeys().getKeys().stream().map(JWK::getKeyID).toList());
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
	}
}
