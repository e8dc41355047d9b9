package jp.renkei.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.renkei.server.auth.AuthProperties.ClientType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token endpoint's user grants: {@code authorization_code} (with PKCE S256 and the code's
 * binding to client and redirect URI) and {@code refresh_token} (rotation, reuse detection,
 * narrowing). Public clients identify themselves with {@code client_id} alone; confidential clients
 * must authenticate ({@code client_secret_basic} or {@code private_key_jwt}).
 */
public class UserTokenGrants {

	private static final Logger LOG = LoggerFactory.getLogger(UserTokenGrants.class);

	private final ClientRegistry clients;
	private final ClientAuthenticator authenticator;
	private final AuthorizationCodes codes;
	private final RefreshTokens refreshTokens;
	private final AccessTokenIssuer issuer;
	private final ExpiringIdSet revokedAccessTokens;
	private final AuthServerUrls urls;
	private final UserAuthProperties properties;
	private final LiveLoginSessions liveLoginSessions;
	private final Clock clock;

	public UserTokenGrants(ClientRegistry clients, ClientAuthenticator authenticator, AuthorizationCodes codes,
			RefreshTokens refreshTokens, AccessTokenIssuer issuer, ExpiringIdSet revokedAccessTokens, AuthServerUrls urls,
			UserAuthProperties properties, LiveLoginSessions liveLoginSessions, Clock clock) {
		this.clients = clients;
		this.authenticator = authenticator;
		this.codes = codes;
		this.refreshTokens = refreshTokens;
		this.issuer = issuer;
		this.revokedAccessTokens = revokedAccessTokens;
		this.urls = urls;
		this.properties = properties;
		this.liveLoginSessions = liveLoginSessions;
		this.clock = clock;
	}

	/** The client calling the token endpoint: authenticated when confidential, named by {@code client_id} when public. */
	public RegisteredClient client(String authorization, Map<String, String> parameters) {
		boolean credentials = authorization != null || parameters.containsKey("client_assertion")
				|| parameters.containsKey("client_assertion_type") || parameters.containsKey("client_secret");
		if (credentials) {
			RegisteredClient client = authenticator.authenticate(authorization, parameters);
			String named = parameters.get("client_id");
			if (named != null && !named.equals(client.clientId())) {
				throw OAuthException.invalidClient("client_id does not match the authenticated client");
			}
			return client;
		}
		RegisteredClient client = clients.find(parameters.get("client_id")).orElse(null);
		if (client == null || client.type() != ClientType.PUBLIC) {
			// One answer for unknown clients and for confidential clients that did not authenticate.
			throw OAuthException.invalidClient("client authentication failed: a public client sends client_id,"
					+ " a confidential client authenticates with client_secret_basic or private_key_jwt");
		}
		return client;
	}

	public Map<String, Object> authorizationCode(RegisteredClient client, Map<String, String> parameters) {
		String code = parameters.get("code");
		if (code == null) {
			throw OAuthException.invalidRequest("code is missing");
		}
		String redirectUri = parameters.get("redirect_uri");
		if (redirectUri == null) {
			throw OAuthException.invalidRequest("redirect_uri is missing");
		}
		String verifier = parameters.get("code_verifier");
		if (verifier == null) {
			throw OAuthException.invalidRequest("code_verifier is missing (PKCE is required)");
		}
		AuthorizationCodes.Redemption redemption = codes.redeem(code);
		if (redemption.reused() != null) {
			revokeIssuedFrom(redemption.reused());
			throw OAuthException.invalidGrant("the authorization code was already used; the tokens issued from it are revoked");
		}
		if (redemption.issued() == null) {
			throw OAuthException.invalidGrant("the authorization code is invalid or expired");
		}
		AuthorizationCodes.Issued issued = redemption.issued();
		UserGrant grant = issued.grant();
		if (!grant.clientId().equals(client.clientId())) {
			throw OAuthException.invalidGrant("the authorization code was issued to another client");
		}
		if (!issued.redirectUri().equals(redirectUri)) {
			throw OAuthException.invalidGrant("redirect_uri differs from the authorization request's");
		}
		if (!verifier.matches("[A-Za-z0-9\\-._~]{43,128}") || !issued.codeChallenge().equals(s256(verifier))) {
			throw OAuthException.invalidGrant("code_verifier does not match the code_challenge (PKCE S256)");
		}
		Map<String, Object> body = issue(client, grant, null, null, redemption.spent());
		if (redemption.spent().usedAgain()) {
			// A copy of the code arrived while this exchange ran: neither gets tokens.
			revokeIssuedFrom(redemption.spent());
			throw OAuthException.invalidGrant("the authorization code was used twice; the tokens issued from it are revoked");
		}
		LOG.info("Issued tokens to client {} for user {} (authorization_code): {}", client.clientId(),
				grant.user().username(), String.join(" ", grant.scopes()));
		return body;
	}

	public Map<String, Object> refresh(RegisteredClient client, Map<String, String> parameters) {
		String token = parameters.get("refresh_token");
		if (token == null) {
			throw OAuthException.invalidRequest("refresh_token is missing");
		}
		String scope = parameters.get("scope");
		Set<String> narrowed = null;
		if (scope != null) {
			narrowed = new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
		}
		RefreshTokens.Rotation rotation = refreshTokens.spend(token, client.clientId(), narrowed);
		UserGrant grant = rotation.grant();
		if (isOnline(grant) && !liveLoginSessions.isLive(grant.loginSessionId())) {
			refreshTokens.revokeFamily(rotation.family(), "its login session has ended (online_access)");
			throw OAuthException.invalidGrant("the login session of this online_access token has ended");
		}
		Map<String, Object> body = issue(client, narrowed == null ? grant : grant.withScopes(narrowed), grant, rotation, null);
		LOG.info("Refreshed tokens of client {} for user {}", client.clientId(), grant.user().username());
		return body;
	}

	/**
	 * Issues the token response.
	 *
	 * @param grant what the access token carries (possibly narrowed)
	 * @param refreshGrant what a rotated refresh token keeps carrying (the original scopes), or null for a new family
	 * @param rotation the rotation being served, or null for a code exchange
	 * @param spent the redeemed code's record, to fill in
	 */
	private Map<String, Object> issue(RegisteredClient client, UserGrant grant, UserGrant refreshGrant,
			RefreshTokens.Rotation rotation, AuthorizationCodes.Spent spent) {
		AccessTokenIssuer.UserToken access = issuer.issueForUser(client, grant);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", access.value());
		body.put("token_type", "Bearer");
		body.put("expires_in", access.lifetime().toSeconds());
		body.put("scope", String.join(" ", grant.scopes()));
		LaunchContext context = grant.context();
		if (context.patient() != null) {
			body.put("patient", context.patient());
		}
		if (context.encounter() != null) {
			body.put("encounter", context.encounter());
		}
		if (context.patient() != null || context.needPatientBanner()) {
			body.put("need_patient_banner", context.needPatientBanner());
		}
		body.put("smart_style_url", context.smartStyleUrl() != null ? context.smartStyleUrl() : urls.smartStyleUrl());
		if (!context.fhirContext().isEmpty()) {
			List<Map<String, String>> references = context.fhirContext().stream().map(r -> Map.of("reference", r)).toList();
			body.put("fhirContext", references);
		}
		if (rotation == null && grant.scopes().contains("openid") && grant.scopes().contains("fhirUser")) {
			body.put("id_token", issuer.issueIdToken(client, grant));
		}
		String family = null;
		UserGrant kept = refreshGrant != null ? refreshGrant : grant;
		boolean offline = kept.scopes().contains("offline_access");
		boolean online = isOnline(kept);
		if (offline || online) {
			Instant expiresAt = rotation != null ? rotation.expiresAt()
					: clock.instant().plus(offline ? properties.offlineAccessLifetime() : properties.onlineAccessLifetime());
			RefreshTokens.Issued refresh = refreshTokens.issue(kept, rotation == null ? null : rotation.family(), expiresAt,
					online, access.tokenId(), access.expiresAt());
			family = refresh.family();
			body.put("refresh_token", refresh.token());
		}
		if (spent != null) {
			spent.issued(access.tokenId(), access.expiresAt(), family);
		}
		return body;
	}

	/** {@code online_access} without {@code offline_access}: the refresh token lives with the login session. */
	private static boolean isOnline(UserGrant grant) {
		return !grant.scopes().contains("offline_access") && grant.scopes().contains("online_access");
	}

	private void revokeIssuedFrom(AuthorizationCodes.Spent spent) {
		spent.markUsedAgain();
		if (spent.accessTokenId() != null) {
			revokedAccessTokens.add(spent.accessTokenId(), spent.accessTokenExpiresAt());
		}
		if (spent.refreshFamily() != null) {
			refreshTokens.revokeFamily(spent.refreshFamily(), "its authorization code was used again");
		}
		LOG.warn("An authorization code was used twice: the tokens issued from it are revoked");
	}

	static String s256(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
