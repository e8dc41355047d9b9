package jp.renkei.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import jp.renkei.server.auth.AuthProperties.ClientType;

/**
 * Checks a {@code private_key_jwt} client assertion (RFC 7523, SMART Backend Services): signed by
 * a key from the client's registered JWKS with an accepted algorithm whose key type matches;
 * {@code iss} and {@code sub} both the client_id; {@code aud} our token endpoint; {@code exp} in
 * the future but at most five minutes away; {@code jti} never seen before. Every failure is
 * {@code invalid_client} (RFC 7523 section 3.2), answered without echoing the assertion.
 */
public class ClientAssertionVerifier {

	public static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
	/** SMART asks for RS384 or ES384; RS256 and ES256 are common in existing EHR clients. */
	static final Set<JWSAlgorithm> ALGORITHMS =
			Set.of(JWSAlgorithm.RS384, JWSAlgorithm.ES384, JWSAlgorithm.RS256, JWSAlgorithm.ES256);
	/** SMART Backend Services: an assertion's exp is no more than five minutes in the future. */
	static final Duration MAX_LIFETIME = Duration.ofMinutes(5);
	static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

	private final ClientRegistry clients;
	private final AuthServerUrls urls;
	private final ExpiringIdSet usedAssertionIds;
	private final Clock clock;

	public ClientAssertionVerifier(ClientRegistry clients, AuthServerUrls urls, ExpiringIdSet usedAssertionIds, Clock clock) {
		this.clients = clients;
		this.urls = urls;
		this.usedAssertionIds = usedAssertionIds;
		this.clock = clock;
	}

	/** The client that signed {@code assertion}, or {@link OAuthException} {@code invalid_client}. */
	public RegisteredClient verify(String assertion) {
		SignedJWT jwt;
		JWTClaimsSet unverified;
		try {
			jwt = SignedJWT.parse(assertion);
			unverified = jwt.getJWTClaimsSet();
		} catch (ParseException e) {
			throw OAuthException.invalidClient("client_assertion is not a signed JWT");
		}
		RegisteredClient client = clients.find(unverified.getIssuer())
				.orElseThrow(() -> OAuthException.invalidClient("unknown client (iss of client_assertion)"));
		if (client.type() != ClientType.CONFIDENTIAL_ASYMMETRIC) {
			throw OAuthException.invalidClient("client " + client.clientId() + " is not registered for private_key_jwt");
		}
		JWTClaimsSet claims = verifySignature(jwt, client);
		checkClaims(claims, client);
		return client;
	}

	private static JWTClaimsSet verifySignature(SignedJWT jwt, RegisteredClient client) {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		// Nimbus picks keys by kid, key type and use that fit the header's alg: an EC key never verifies RS384.
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, client.keys()));
		processor.setJWTClaimsSetVerifier((claims, context) -> {});
		try {
			return processor.process(jwt, null);
		} catch (BadJOSEException e) {
			throw OAuthException.invalidClient("client_assertion signature does not verify with a registered key"
					+ " of client " + client.clientId() + " (algorithms RS384, ES384, RS256, ES256; kid and key type must match)");
		} catch (JOSEException e) {
			throw OAuthException.invalidClient("client_assertion cannot be verified: the registered keys are unusable");
		}
	}

	private void checkClaims(JWTClaimsSet claims, RegisteredClient client) {
		String id = client.clientId();
		if (!id.equals(claims.getSubject())) {
			throw OAuthException.invalidClient("client_assertion sub must equal iss (the client_id)");
		}
		if (claims.getAudience() == null || !claims.getAudience().contains(urls.tokenEndpoint())) {
			throw OAuthException.invalidClient("client_assertion aud must be the token endpoint " + urls.tokenEndpoint());
		}
		Instant now = clock.instant();
		Instant expiry = toInstant(claims.getExpirationTime());
		if (expiry == null) {
			throw OAuthException.invalidClient("client_assertion has no exp");
		}
		if (!now.minus(CLOCK_SKEW).isBefore(expiry)) {
			throw OAuthException.invalidClient("client_assertion has expired");
		}
		if (expiry.isAfter(now.plus(MAX_LIFETIME).plus(CLOCK_SKEW))) {
			throw OAuthException.invalidClient("client_assertion exp is more than 5 minutes in the future");
		}
		Instant notBefore = toInstant(claims.getNotBeforeTime());
		if (notBefore != null && notBefore.isAfter(now.plus(CLOCK_SKEW))) {
			throw OAuthException.invalidClient("client_assertion is not valid yet (nbf)");
		}
		String jti = claims.getJWTID();
		if (jti == null || jti.isBlank()) {
			throw OAuthException.invalidClient("client_assertion has no jti");
		}
		if (!usedAssertionIds.add(id + " " + jti, expiry.plus(CLOCK_SKEW))) {
			throw OAuthException.invalidClient("client_assertion jti was already used");
		}
	}

	private static Instant toInstant(Date date) {
		return date == null ? null : date.toInstant();
	}
}
