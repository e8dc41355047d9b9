package jp.renkei.server.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import jp.renkei.server.auth.AuthProperties.Client;
import jp.renkei.server.auth.RegisteredClientStore.StoredClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The registered clients, looked up by {@code client_id}: first those declared in configuration
 * ({@code renkei.auth.clients}, checked at start so a broken entry stops the server instead of
 * failing a client at night), then those registered through the registration API and kept in the
 * database ({@link RegisteredClientStore}), shared by every server node.
 *
 * <p>Database clients are cached for {@link #CACHE_TTL}: a change made on this node is seen at
 * once, one made on another node (or a deletion there) within that time. A cached client whose
 * row has not changed is reused as is, so the JWKS it fetched from its jwks_uri stays cached.
 */
@Component
public class ClientRegistry {

	/** How long a database client (or its absence) is remembered before the row is read again. */
	static final Duration CACHE_TTL = Duration.ofSeconds(10);
	private static final Logger LOG = LoggerFactory.getLogger(ClientRegistry.class);
	private static final int MAX_CACHED = 10_000;
	private static final int MAX_CLIENT_ID_LENGTH = 64;

	private final Map<String, RegisteredClient> clients;
	private final RegisteredClientStore store;
	private final Clock clock;
	private final ObjectMapper json = new ObjectMapper();
	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	/** A database lookup: the client (null when there is none) and the row version it was built from. */
	private record Cached(RegisteredClient client, Instant updatedAt, Instant loadedAt) {}

	@Autowired
	public ClientRegistry(AuthProperties properties, RegisteredClientStore store) {
		this(properties.clients(), store, Clock.systemUTC());
	}

	/** Configuration clients only (unit tests, benchmarks). */
	ClientRegistry(List<Client> declared) {
		this(declared, null, Clock.systemUTC());
	}

	ClientRegistry(List<Client> declared, RegisteredClientStore store, Clock clock) {
		Map<String, RegisteredClient> byId = new LinkedHashMap<>();
		for (Client client : declared) {
			RegisteredClient registered = register(client);
			if (byId.putIfAbsent(registered.clientId(), registered) != null) {
				throw new IllegalStateException("renkei.auth.clients: client_id " + client.clientId() + " is declared twice");
			}
		}
		this.clients = Map.copyOf(byId);
		this.store = store;
		this.clock = clock;
	}

	public Optional<RegisteredClient> find(String clientId) {
		if (clientId == null) {
			return Optional.empty();
		}
		RegisteredClient declared = clients.get(clientId);
		if (declared != null || store == null || clientId.isEmpty() || clientId.length() > MAX_CLIENT_ID_LENGTH) {
			return Optional.ofNullable(declared);
		}
		Instant now = clock.instant();
		Cached cached = cache.get(clientId);
		if (cached != null && now.isBefore(cached.loadedAt().plus(CACHE_TTL))) {
			return Optional.ofNullable(cached.client());
		}
		Optional<StoredClient> row = store.find(clientId);
		RegisteredClient client = row.map(stored -> cached != null && cached.client() != null
				&& stored.updatedAt().equals(cached.updatedAt()) ? cached.client() : fromDatabase(stored)).orElse(null);
		if (cache.size() >= MAX_CACHED) {
			// Lookups of made-up client_ids must not grow the cache without bound.
			cache.clear();
		}
		cache.put(clientId, new Cached(client, row.map(StoredClient::updatedAt).orElse(null), now));
		return Optional.ofNullable(client);
	}

	/** Whether {@code clientId} is declared in configuration (the registration API does not manage those). */
	public boolean isDeclaredInConfiguration(String clientId) {
		return clients.containsKey(clientId);
	}

	/** Drops the cached copy after this node changed or deleted the client, so the change applies at once. */
	void forget(String clientId) {
		cache.remove(clientId);
	}

	/** The usable client for a database row; null (and an error in the log) when the row is no longer valid. */
	RegisteredClient fromDatabase(StoredClient stored) {
		try {
			ClientMetadata metadata = ClientMetadata.parse(json.readTree(stored.metadata()), AdminAccess.ADMIN_SCOPE);
			return register(new Client(stored.clientId(), metadata.type(), stored.secretHash(), metadata.jwks(),
					metadata.jwksUri(), metadata.redirectUris(), metadata.scopes(), metadata.organization(),
					metadata.clientName(), metadata.launchUri()));
		} catch (JsonProcessingException | AdminApiException | IllegalStateException e) {
			LOG.error("Registered client {} in table {} is unusable and is treated as unknown: {}",
					stored.clientId(), RegisteredClientStore.TABLE, e.getMessage());
			return null;
		}
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
