package jp.renkei.apps.smart;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Verifies the id_token of a token response (OpenID Connect Core 3.1.3.7): signature by a key of
 * the authorization server's JWK Set ({@code jwks_uri} of the discovery document, fetched and
 * cached by nimbus), {@code iss} = the server's issuer, {@code aud} = our client id, the
 * {@code nonce} we sent, not expired (one minute of clock skew), {@code sub} present.
 */
@Component
public class IdTokenVerifier {

	private static final Set<JWSAlgorithm> ALGORITHMS =
			Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.ES256, JWSAlgorithm.ES384);

	private final SmartServer server;
	private volatile JWKSource<SecurityContext> keys;

	public IdTokenVerifier(SmartServer server) {
		this.server = server;
	}

	/**
	 * The verified claims.
	 *
	 * @throws InvalidIdTokenException when the token is malformed or any check fails
	 */
	public JWTClaimsSet verify(String idToken, String clientId, String nonce) {
		SmartServer.Endpoints endpoints = server.endpoints();
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys(endpoints.jwksUri())));
		processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(clientId,
				new JWTClaimsSet.Builder().issuer(endpoints.issuer()).claim("nonce", nonce).build(),
				Set.of("sub", "exp", "iat")));
		try {
			return processor.process(idToken, null);
		} catch (ParseException | BadJOSEException e) {
			throw new InvalidIdTokenException(e.getMessage(), e);
		} catch (com.nimbusds.jose.JOSEException e) {
			throw new InvalidIdTokenException("cannot verify the id_token: " + e.getMessage(), e);
		}
	}

	private JWKSource<SecurityContext> keys(URI jwksUri) {
		JWKSource<SecurityContext> known = keys;
		if (known == null) {
			try {
				// Cached, refreshed when a token names an unknown key id (key rotation).
				known = JWKSourceBuilder.create(jwksUri.toURL()).retrying(true).build();
			} catch (MalformedURLException e) {
				throw new InvalidIdTokenException("jwks_uri is not a URL: " + jwksUri, e);
			}
			keys = known;
		}
		return known;
	}

	/** The id_token failed verification. */
	public static class InvalidIdTokenException extends RuntimeException {
		InvalidIdTokenException(String message, Throwable cause) {
			super(message, cause);
		}
	}
}
