package jp.renkei.apps.smart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.UnaryOperator;
import jp.renkei.apps.fhir.RegionalFhirProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The id_token checks against a small HTTP server publishing a SMART discovery document and a JWK
 * Set (the verifier fetches both over HTTP, as from the FHIR server).
 */
class IdTokenVerifierTest {

	private static final String CLIENT = "renkei-apps";
	private static final String NONCE = "nonce-of-this-login";
	private static HttpServer http;
	private static RSAKey serverKey;
	private static String issuer;
	private static IdTokenVerifier verifier;

	@BeforeAll
	static void startAuthorizationServer() throws Exception {
		serverKey = new RSAKeyGenerator(2048).keyID("server-key").generate();
		http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		String origin = "http://127.0.0.1:" + http.getAddress().getPort();
		issuer = origin + "/fhir";
		String discovery = "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + origin + "/auth/authorize\","
				+ "\"token_endpoint\":\"" + origin + "/auth/token\",\"jwks_uri\":\"" + origin + "/auth/jwks\"}";
		serve("/fhir/.well-known/smart-configuration", discovery);
		serve("/auth/jwks", new JWKSet(serverKey.toPublicJWK()).toString());
		http.start();
		verifier = new IdTokenVerifier(new SmartServer(new RegionalFhirProperties(URI.create(issuer), Duration.ofSeconds(3),
				Duration.ofSeconds(5), 20)));
	}

	@AfterAll
	static void stop() {
		http.stop(0);
	}

	@Test
	void acceptsATokenOfTheServerForUsWithOurNonce() {
		JWTClaimsSet claims = verifier.verify(signed(serverKey, c -> c), CLIENT, NONCE);
		assertThat(claims.getSubject()).isEqualTo("er-doctor");
		assertThat(claims.getClaim("fhirUser")).isEqualTo(issuer + "/Practitioner/1");
	}

	@Test
	void refusesAnotherNonce() {
		assertRefused(signed(serverKey, c -> c.claim("nonce", "replayed-from-another-login")));
	}

	@Test
	void refusesATokenForAnotherClient() {
		assertRefused(signed(serverKey, c -> c.audience("another-app")));
	}

	@Test
	void refusesAnotherIssuer() {
		assertRefused(signed(serverKey, c -> c.issuer("https://attacker.example/fhir")));
	}

	@Test
	void refusesAnExpiredToken() {
		assertRefused(signed(serverKey, c -> c.expirationTime(Date.from(Instant.now().minusSeconds(600)))));
	}

	@Test
	void refusesAKeyTheServerDoesNotPublish() throws Exception {
		RSAKey other = new RSAKeyGenerator(2048).keyID("server-key").generate();
		assertRefused(signed(other, c -> c));
	}

	@Test
	void refusesAnUnsignedToken() {
		assertRefused(new PlainJWT(claims().build()).serialize());
	}

	private static void assertRefused(String token) {
		assertThatThrownBy(() -> verifier.verify(token, CLIENT, NONCE)).isInstanceOf(IdTokenVerifier.InvalidIdTokenException.class);
	}

	private static JWTClaimsSet.Builder claims() {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(issuer).subject("er-doctor").audience(CLIENT).claim("nonce", NONCE)
				.claim("fhirUser", issuer + "/Practitioner/1").issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
	}

	private static String signed(RSAKey key, UnaryOperator<JWTClaimsSet.Builder> change) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
					change.apply(claims()).build());
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		} catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private static void serve(String path, String json) {
		http.createContext(path, exchange -> {
			byte[] body = json.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
	}
}
