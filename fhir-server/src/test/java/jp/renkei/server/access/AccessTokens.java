package jp.renkei.server.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import jp.renkei.server.auth.SigningKeys;

/**
 * Access tokens for the tests that need patient and practitioner context, signed with the server's
 * own signing key in the shape AccessTokenIssuer gives them (typ at+jwt; iss, sub, aud, exp, iat,
 * jti, client_id, scope, and patient, fhirUser, organization when given), so they verify exactly
 * like tokens from the authorization endpoint.
 */
public final class AccessTokens {

	private final SigningKeys keys;
	private final String fhirBase;

	public AccessTokens(SigningKeys keys, String fhirBase) {
		this.keys = keys;
		this.fhirBase = fhirBase;
	}

	/** Claims of a valid token for {@code clientId} with {@code scope}, five minutes long. */
	public JWTClaimsSet.Builder claims(String clientId, String subject, String scope) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder()
				.issuer(fhirBase)
				.subject(subject)
				.audience(fhirBase)
				.issueTime(Date.from(now))
				.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
				.jwtID(UUID.randomUUID().toString())
				.claim("client_id", clientId)
				.claim("scope", scope);
	}

	/** A patient app's token: the patient signed in and in context. */
	public String patient(String patientId, String scope) {
		return sign(claims("test-patient-app", "patient-user-" + patientId, scope)
				.claim("patient", patientId)
				.claim("fhirUser", "Patient/" + patientId)
				.build());
	}

	/** A clinician app's token: a practitioner signed in. */
	public String practitioner(String practitionerId, String scope) {
		return sign(claims("test-clinician-app", "practitioner-user-" + practitionerId, scope)
				.claim("fhirUser", "Practitioner/" + practitionerId)
				.claim("organization", "Organization/jp-organization-example-hospital")
				.build());
	}

	/** A signed-in user's token: a clinician of {@code organization} with regional {@code roles}. */
	public String user(String username, String fhirUser, String organization, java.util.List<String> roles, String scope) {
		return sign(claims("test-clinician-app", username, scope)
				.claim("fhirUser", fhirUser)
				.claim("organization", organization)
				.claim("roles", roles)
				.build());
	}

	/** A facility's backend system: no user, acting for {@code organization}. */
	public String facility(String clientId, String organization, String scope) {
		return sign(claims(clientId, clientId, scope).claim("organization", organization).build());
	}

	/**
	 * A backend system's token, acting for the hospital that holds {@link TwoPatients}' records (so
	 * consent lets it see them; consent itself is tested with other facilities).
	 */
	public String system(String clientId, String scope) {
		return sign(claims(clientId, clientId, scope).claim("organization", TwoPatients.HOSPITAL).build());
	}

	public String sign(JWTClaimsSet claims) {
		return sign(claims, keys.activeKey());
	}

	public static String sign(JWTClaimsSet claims, RSAKey key) {
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(new JOSEObjectType("at+jwt")).build();
		SignedJWT jwt = new SignedJWT(header, claims);
		try {
			jwt.sign(new RSASSASigner(key));
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
		return jwt.serialize();
	}
}
