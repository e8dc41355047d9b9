package jp.renkei.server.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /auth/revoke} (RFC 7009). A client revokes its own access tokens; the token id is
 * remembered until the token would have expired, so verification and introspection refuse it. A
 * refresh token revokes its whole family (and the access tokens issued with it). Confidential
 * clients authenticate; public clients name themselves with {@code client_id}. An invalid or
 * already expired token is answered 200 as the RFC asks (nothing left to revoke).
 */
@RestController
public class RevocationEndpoint {

	private static final Logger LOG = LoggerFactory.getLogger(RevocationEndpoint.class);

	private final UserTokenGrants clients;
	private final AccessTokenVerifier verifier;
	private final ExpiringIdSet revokedTokenIds;
	private final RefreshTokens refreshTokens;

	public RevocationEndpoint(UserTokenGrants clients, AccessTokenVerifier verifier, ExpiringIdSet revokedTokenIds,
			RefreshTokens refreshTokens) {
		this.clients = clients;
		this.verifier = verifier;
		this.revokedTokenIds = revokedTokenIds;
		this.refreshTokens = refreshTokens;
	}

	@PostMapping(AuthServerUrls.AUTH_PATH + "/revoke")
	public ResponseEntity<Void> revoke(HttpServletRequest request) {
		Map<String, String> parameters = FormParameters.of(request);
		RegisteredClient client = clients.client(request.getHeader(HttpHeaders.AUTHORIZATION), parameters);
		String token = parameters.get("token");
		if (token == null) {
			throw OAuthException.invalidRequest("token is missing");
		}
		try {
			Caller caller = verifier.verify(token);
			if (!caller.clientId().equals(client.clientId())) {
				throw OAuthException.unauthorizedClient("the token was not issued to client " + client.clientId());
			}
			revokedTokenIds.add(caller.tokenId(), caller.expiresAt());
			LOG.info("Client {} revoked access token {}", client.clientId(), caller.tokenId());
		} catch (InvalidAccessTokenException e) {
			// Not a valid access token: a refresh token, or nothing valid to revoke (RFC 7009 section 2.2 answers 200 all the same).
			if (refreshTokens.revoke(token, client.clientId())) {
				LOG.info("Client {} revoked a refresh token family", client.clientId());
			}
		}
		return ResponseEntity.ok().build();
	}
}
