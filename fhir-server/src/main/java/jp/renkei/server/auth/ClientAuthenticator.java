package jp.renkei.server.auth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import jp.renkei.server.auth.AuthProperties.ClientType;

/**
 * Authenticates the client calling an OAuth endpoint: {@code client_secret_basic}
 * (confidential-symmetric clients) or {@code private_key_jwt} (confidential-asymmetric clients).
 * Other methods, including {@code client_secret_post}, are not offered.
 */
public class ClientAuthenticator {

	private static final String BASIC = "Basic ";
	/** Hashed when the client_id is unknown, so the answer takes as long as for a wrong secret. */
	private static final String DUMMY_HASH = ClientSecretHash.hash("no client has this secret");

	private final ClientRegistry clients;
	private final ClientAssertionVerifier assertions;

	public ClientAuthenticator(ClientRegistry clients, ClientAssertionVerifier assertions) {
		this.clients = clients;
		this.assertions = assertions;
	}

	/**
	 * @param authorization the Authorization header, or null
	 * @param parameters the form parameters
	 * @return the authenticated client; otherwise {@link OAuthException}
	 */
	public RegisteredClient authenticate(String authorization, Map<String, String> parameters) {
		boolean hasAssertion = parameters.containsKey("client_assertion") || parameters.containsKey("client_assertion_type");
		if (authorization != null && hasAssertion) {
			throw OAuthException.invalidRequest("use exactly one client authentication method");
		}
		if (parameters.containsKey("client_secret")) {
			throw OAuthException.invalidClient("client_secret_post is not supported: use client_secret_basic or private_key_jwt");
		}
		if (authorization != null) {
			return basic(authorization);
		}
		if (!hasAssertion) {
			throw OAuthException.invalidClient("client authentication is required (client_secret_basic or private_key_jwt)");
		}
		if (!ClientAssertionVerifier.ASSERTION_TYPE.equals(parameters.get("client_assertion_type"))) {
			throw OAuthException.invalidRequest("client_assertion_type must be " + ClientAssertionVerifier.ASSERTION_TYPE);
		}
		String assertion = parameters.get("client_assertion");
		if (assertion == null || assertion.isBlank()) {
			throw OAuthException.invalidRequest("client_assertion is missing");
		}
		RegisteredClient client = assertions.verify(assertion);
		String claimedId = parameters.get("client_id");
		if (claimedId != null && !claimedId.equals(client.clientId())) {
			throw OAuthException.invalidClient("client_id does not match the client_assertion");
		}
		return client;
	}

	private RegisteredClient basic(String authorization) {
		if (!authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
			throw OAuthException.invalidClientBasic("the Authorization header must use the Basic scheme");
		}
		String clientId;
		String secret;
		try {
			String decoded = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim()),
					StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			if (colon < 0) {
				throw OAuthException.invalidClientBasic("the Basic credentials must be client_id:client_secret");
			}
			// RFC 6749 section 2.3.1: both parts are form-urlencoded before Base64.
			clientId = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
			secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
		} catch (IllegalArgumentException e) {
			throw OAuthException.invalidClientBasic("the Basic credentials are not valid Base64");
		}
		RegisteredClient client = clients.find(clientId)
				.filter(found -> found.type() == ClientType.CONFIDENTIAL_SYMMETRIC)
				.orElse(null);
		boolean matches = ClientSecretHash.matches(secret, client == null ? DUMMY_HASH : client.secretHash());
		if (client == null || !matches) {
			// One message for an unknown client and a wrong secret: the answer does not reveal which client_ids exist.
			throw OAuthException.invalidClientBasic("client authentication failed");
		}
		return client;
	}
}
