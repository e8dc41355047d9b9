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

	private String sign(JWTClaimsSet claims) {
		RSAKey key = keys.activeKey();
		JWSHeader header = new JWSHeader.Builder(keys.algorithm()).keyID(key.getKeyID()).type(ACCESS_TOKEN_TYPE).build();
		SignedJWT jwt = new SignedJWT(header, claims);
		try {
			jwt.sign(new RSASSASigner(key));
		} catch (JOSEException e) {
			throw new IllegalStateException("Cannot sign an access token with key " + key.getKeyID(), e);
		}
		return jwt.serialize();
	}
}
