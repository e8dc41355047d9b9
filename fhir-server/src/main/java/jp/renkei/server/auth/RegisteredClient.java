package jp.renkei.server.auth;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.List;
import java.util.Optional;
import jp.renkei.server.auth.AuthProperties.ClientType;

/**
 * A client the authorization server knows, ready for use: its public keys already parsed (or
 * fetched and cached from its jwks_uri).
 *
 * @param clientId the {@code client_id}
 * @param type how it authenticates
 * @param secretHash the hash of its secret (confidential-symmetric only), else null
 * @param keys its public keys (confidential-asymmetric only), else null
 * @param redirectUris registered redirect URIs
 * @param scopes the scopes it may be granted
 * @param organization the Organization it acts for, else null
 * @param clientName the name shown to users (defaults to the client_id)
 * @param launchUri the app's launch URL (SMART apps), else null
 */
public record RegisteredClient(
		String clientId,
		ClientType type,
		String secretHash,
		JWKSource<SecurityContext> keys,
		List<String> redirectUris,
		List<String> scopes,
		String organization,
		String clientName,
		java.net.URI launchUri) {

	public Optional<String> organizationReference() {
		return Optional.ofNullable(organization);
	}
}
