package jp.renkei.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies an access token and says who is calling: signed by one of our published keys,
 * {@code iss} ours, {@code aud} the FHIR base URL, within {@code exp}/{@code nbf} (one minute of
 * clock skew), not revoked. This is the only place that reads bearer tokens; everything else
 * works with the resulting {@link Caller}.
 */
public class AccessTokenVerifier {

	private static final int CLOCK_SKEW_SECONDS = 60;

	private final SigningKeys keys;
	private final AuthServerUrls urls;
	private final ExpiringIdSet revokedTokenIds;
	private final Clock clock;

	public AccessTokenVerifier(SigningKeys keys, AuthServerUrls urls, ExpiringIdSet revokedTokenIds, Clock clock) {
		this.keys = keys;
		this.urls = urls;
		this.revokedTokenIds = revokedTokenIds;
		this.clock = clock;
	}

	public Caller verify(String token) throws InvalidAccessTokenException {
		JWTClaimsSet claims = verifiedClaims(token);
		if (revokedTokenIds.contains(claims.getJWTID())) {
			throw new InvalidAccessTokenException("the access token has been revoked");
		}
		try {
			String clientId = claims.getStringClaim("client_id");
			String scope = claims.getStringClaim("scope");
			Set<String> scopes = scope == null ? Set.of() : new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
			return new Caller(clientId, claims.getSubject(),
					Optional.ofNullable(claims.getStringClaim("fhirUser")),
					Optional.ofNullable(claims.getStringClaim("organization")),
					Optional.ofNullable(claims.getStringClaim("patient")),
					Optional.ofNullable(claims.getStringClaim("encounter")),
					roles(claims),
					scopes, claims.getJWTID(), claims.getExpirationTime().toInstant());
		} catch (ParseException e) {
			throw new InvalidAccessTokenException("the access token has a malformed claim");
		}
	}

	private static Set<String> roles(JWTClaimsSet claims) throws ParseException {
		var roles = claims.getStringListClaim("roles");
		return roles == null ? Set.of() : new LinkedHashSet<>(roles);
	}

	private JWTClaimsSet verifiedClaims(String token) throws InvalidAccessTokenException {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(AccessTokenIssuer.ACCESS_TOKEN_TYPE));
		// Asked per token, so a rotation is seen at once (also one made by another node: an unknown
		// kid makes SigningKeys re-read its directory) and a pruned key stops verifying.
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(keys.algorithm(),
				(selector, context) -> keys.select(selector)));
		DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier = new DefaultJWTClaimsVerifier<>(
				urls.fhirBaseUrl(),
				new JWTClaimsSet.Builder().issuer(urls.issuer()).build(),
				Set.of("sub", "exp", "iat", "jti", "client_id")) {
			@Override
			protected Date currentTime() {
				return Date.from(clock.instant());
			}
		};
		claimsVerifier.setMaxClockSkew(CLOCK_SKEW_SECONDS);
		processor.setJWTClaimsSetVerifier(claimsVerifier);
		try {
			return processor.process(token, null);
		} catch (ParseException e) {
			throw new InvalidAccessTokenException("the access token is not a JWT");
		} catch (BadJOSEException e) {
			throw new InvalidAccessTokenException("the access token is not valid: " + e.getMessage());
		} catch (JOSEException e) {
			throw new InvalidAccessTokenException("the access token cannot be verified");
		}
	}
}
