package jp.renkei.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;

/**
 * Issues access tokens as JWTs (RFC 9068 shape, {@code typ: at+jwt}) signed with the active
 * signing key: {@code iss}, {@code sub}, {@code aud} = the FHIR base URL, {@code exp}, {@code iat},
 * {@code jti}, {@code scope}, {@code client_id}, and {@code organization} for facility clients.
 */
public class AccessTokenIssuer {

	static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");

	private final SigningKeys keys;
	private final AuthServerUrls urls;
	private final Duration lifetime;
	private final Clock clock;

	public AccessTokenIssuer(SigningKeys keys, AuthServerUrls urls, Duration lifetime, Clock clock) {
		this.keys = keys;
		this.urls = urls;
		this.lifetime = lifetime;
		this.clock = clock;
	}

	/** An issued token and what the token response tells about it. */
	public record IssuedToken(String value, Duration lifetime, Set<String> scopes) {}

	/** A backend-services token: the client itself is the subject. */
	public IssuedToken issueForClient(RegisteredClient client, Set<String> scopes) {
		Instant now = clock.instant();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
				.issuer(urls.issuer())
				.subject(client.clientId())
				.audience(urls.fhirBaseUrl())
				.issueTime(Date.from(now))
				.expirationTime(Date.from(now.plus(lifetime)))
				.jwtID(UUID.randomUUID().toString())
				.claim("client_id", client.clientId())
				.claim("scope", String.join(" ", scopes));
		client.organizationReference().ifPresent(organization -> claims.claim("organization", organization));
		return new IssuedToken(sign(claims.build()), lifetime, scopes);
	}

	/** A user token and the id and expiry to revoke it by. */
	public record UserToken(String value, String tokenId, Instant expiresAt, Duration lifetime) {}

	/**
	 * An access token for a signed-in user (authorization code and refresh grants): {@code sub} the
	 * username, {@code fhirUser} relative, and the launch context's {@code patient} and {@code encounter} ids.
	 */
	public UserToken issueForUser(RegisteredClient client, UserGrant grant) {
		Instant now = clock.instant();
		String tokenId = UUID.randomUUID().toString();
		Instant expiresAt = now.plus(lifetime);
		AuthorizedUser user = grant.user();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
				.issuer(urls.issuer())
				.subject(user.username())
				.audience(urls.fhirBaseUrl())
				.issueTime(Date.from(now))
				.expirationTime(Date.from(expiresAt))
				.jwtID(tokenId)
				.claim("client_id", client.clientId())
				.claim("scope", String.join(" ", grant.scopes()))
				.claim("fhirUser", user.fhirUser())
				.claim("roles", user.roles());
		String organization = user.organization() != null ? user.organization() : client.organization();
		if (organization != null) {
			claims.claim("organization", organization);
		}
		if (grant.context().patient() != null) {
			claims.claim("patient", grant.context().patient());
		}
		if (grant.context().encounter() != null) {
			claims.claim("encounter", grant.context().encounter());
		}
		return new UserToken(sign(claims.build()), tokenId, expiresAt, lifetime);
	}

	/**
	 * An OpenID Connect id_token: {@code aud} the client, {@code sub} the username, {@code fhirUser}
	 * as an absolute URL (SMART App Launch 2), the request's {@code nonce} and {@code auth_time}.
	 */
	public String issueIdToken(RegisteredClient client, UserGrant grant) {
		Instant now = clock.instant();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
				.issuer(urls.issuer())
				.subject(grant.user().username())
				.audience(client.clientId())
				.issueTime(Date.from(now))
				.expirationTime(Date.from(now.plus(lifetime)))
				.jwtID(UUID.randomUUID().toString())
				.claim("fhirUser", urls.fhirBaseUrl() + "/" + grant.user().fhirUser())
				.claim("auth_time", grant.authTime().getEpochSecond());
		if (grant.nonce() != null) {
			claims.claim("nonce", grant.nonce());
		}
		return sign(claims.build(), JOSEObjectType.JWT);
	}

	private String sign(JWTClaimsSet claims) {
		return sign(claims, ACCESS_TOKEN_TYPE);
	}

	private String sign(JWTClaimsSet claims, JOSEObjectType type) {
		RSAKey key = keys.activeKey();
		JWSHeader header = new JWSHeader.Builder(keys.algorithm()).keyID(key.getKeyID()).type(type).build();
		SignedJWT jwt = new SignedJWT(header, claims);
		try {
			jwt.sign(new RSASSASigner(key));
		} catch (JOSEException e) {
			throw new IllegalStateException("Cannot sign an access token with key " + key.getKeyID(), e);
		}
		return jwt.serialize();
	}
}
