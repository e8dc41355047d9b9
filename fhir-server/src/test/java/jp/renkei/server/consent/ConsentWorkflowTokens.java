package jp.renkei.server.consent;

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
import java.util.List;
import java.util.UUID;
import jp.renkei.server.auth.SigningKeys;

/**
 * Access tokens for the consent workflow tests, signed with the server's own active signing key in
 * the shape the token endpoint issues (typ at+jwt; iss, sub, aud, exp, iat, jti, client_id, scope,
 * and organization, roles, fhirUser, patient when given), so they verify like real ones.
 */
final class ConsentWorkflowTokens {

	private final SigningKeys keys;
	private final String fhirBase;

	ConsentWorkflowTokens(SigningKeys keys, String fhirBase) {
		this.keys = keys;
		this.fhirBase = fhirBase;
	}

	/** A facility's backend system acting for {@code organization} ({@code Organization/<id>}). */
	String facilitySystem(String clientId, String organization, String scope, String... roles) {
		return sign(claims(clientId, clientId, scope).claim("organization", organization).claim("roles", List.of(roles)).build());
	}

	/** A practitioner signed in at {@code organization} with {@code roles}. */
	String practitioner(String practitionerId, String organization, String scope, String... roles) {
		return sign(claims("test-clinician-app", "user-" + practitionerId, scope)
				.claim("fhirUser", "Practitioner/" + practitionerId)
				.claim("organization", organization)
				.claim("roles", List.of(roles))
				.build());
	}

	/** A patient signed in to a patient app, in context. */
	String patient(String patientId, String scope) {
		return sign(claims("test-patient-app", "patient-user-" + patientId, scope)
				.claim("patient", patientId)
				.claim("fhirUser", "Patient/" + patientId)
				.build());
	}

	private JWTClaimsSet.Builder claims(String clientId, String subject, String scope) {
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

	private String sign(JWTClaimsSet claims) {
		RSAKey key = keys.activeKey();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(new JOSEObjectType("at+jwt")).build(), claims);
		try {
			jwt.sign(new RSASSASigner(key));
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
		return jwt.serialize();
	}
}
