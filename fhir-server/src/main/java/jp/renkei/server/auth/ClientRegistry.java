package jp.renkei.server.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.renkei.server.auth.AuthProperties.Client;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The registered clients, looked up by {@code client_id}. Today they come from configuration
 * ({@code renkei.auth.clients}); every entry is checked at start so a broken registration stops
 * the server instead of failing a client at night.
 */
@Component
public class ClientRegistry {

	private final Map<String, RegisteredClient> clients;

	@Autowired
	public ClientRegistry(AuthProperties properties) {
		this(properties.clients());
	}

	ClientRegistry(List<Client> declared) {
		Map<String, RegisteredClient> byId = new LinkedHashMap<>();
		for (Client client : declared) {
			RegisteredClient registered = register(client);
			if (byId.putIfAbsent(registered.clientId(), registered) != null) {
				throw new IllegalStateException("renkei.auth.clients: client_id " + client.clientId() + " is declared twice");
			}
		}
		this.clients = Map.copyOf(byId);
	}

	public Optional<RegisteredClient> find(String clientId) {
		return Optional.ofNullable(clientId).map(clients::get);
	}

	private static RegisteredClient register(Client client) {
		String id = client.clientId();
		if (id == null || id.isBlank()) {
			throw new IllegalStateException("renkei.auth.clients: every client needs a client-id");
		}
		String where = "renkei.auth.clients[" + id + "]: ";
		if (client.type() == null) {
			throw new IllegalStateException(where + "type is required (public, confidential-symmetric, confidential-asymmetric)");
		}
		JWKSource<SecurityContext> keys = null;
		switch (client.type()) {
			case PUBLIC -> {}
			case CONFIDENTIAL_SYMMETRIC -> {
				if (client.secretHash() == null || !ClientSecretHash.isWellFormed(client.secretHash())) {
					throw new IllegalStateException(where + "secret-hash must be a pbkdf2-sha256 hash (see ClientSecretHash)");
				}
			}
			case CONFIDENTIAL_ASYMMETRIC -> keys = keys(client, where);
		}
		return new RegisteredClient(id, client.type(), client.secretHash(), keys,
				List.copyOf(client.redirectUris()), List.copyOf(client.scopes()), client.organization(),
				client.clientName() == null || client.clientName().isBlank() ? id : client.clientName(), client.launchUri());
	}

	private static JWKSource<SecurityContext> keys(Client client, String where) {
		boolean inline = client.jwks() != null && !client.jwks().isBlank();
		if (inline == (client.jwksUri() != null)) {
			throw new IllegalStateException(where + "give exactly one of jwks and jwks-uri");
		}
		if (inline) {
			try {
				JWKSet set = JWKSet.parse(client.jwks());
				if (set.getKeys().stream().anyMatch(key -> key.isPrivate())) {
					throw new IllegalStateException(where + "jwks holds a private key: register only the public keys");
				}
				return new ImmutableJWKSet<>(set);
			} catch (ParseException e) {
				throw new IllegalStateException(where + "jwks is not a JWK Set: " + e.getMessage(), e);
			}
		}
		try {
			// Cached and refreshed by Nimbus; an unknown kid triggers a refetch (the client rotated its key).
			return JWKSourceBuilder.create(client.jwksUri().toURL()).build();
		} catch (MalformedURLException | IllegalArgumentException e) {
			throw new IllegalStateException(where + "jwks-uri is not a URL", e);
		}
	}
}
