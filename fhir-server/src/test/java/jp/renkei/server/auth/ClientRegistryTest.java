package jp.renkei.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.renkei.server.auth.AuthProperties.Client;
import jp.renkei.server.auth.AuthProperties.ClientType;
import jp.renkei.server.auth.RegisteredClientStore.StoredClient;
import jp.renkei.server.config.DatabasePlatform;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The registry over a real (in-memory H2) database: persistence, several nodes, configuration first. */
class ClientRegistryTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final JdbcDataSource database = database();
	private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T09:00:00Z"));
	private final List<Client> declared = List.of(new Client("configured", ClientType.PUBLIC, null, null, null,
			List.of("https://app.example.jp/cb"), List.of("patient/*.rs"), null, "設定のアプリ", null));

	@Test
	void aRegisteredClientIsFoundByANewRegistryOnTheSameDatabase() throws Exception {
		RegisteredClientStore store = new RegisteredClientStore(database, DatabasePlatform.H2);
		String id = register(store, ClientMetadataTest.publicApp().toString(), null);

		RegisteredClient afterRestart = new ClientRegistry(declared, new RegisteredClientStore(database, DatabasePlatform.H2), clock)
				.find(id).orElseThrow();

		assertThat(afterRestart.type()).isEqualTo(ClientType.PUBLIC);
		assertThat(afterRestart.clientName()).isEqualTo("紹介状アプリ");
		assertThat(afterRestart.launchUri()).hasToString("https://app.example.jp/launch");
		assertThat(afterRestart.redirectUris()).containsExactly("https://app.example.jp/callback", "http://127.0.0.1:4321/cb");
		assertThat(afterRestart.scopes()).contains("patient/Patient.rs", "offline_access");
	}

	@Test
	void aSecretClientAuthenticatesWithTheStoredHashAndAKeyClientWithItsKeys() throws Exception {
		RegisteredClientStore store = new RegisteredClientStore(database, DatabasePlatform.H2);
		var symmetric = ClientMetadataTest.backend();
		symmetric.remove("jwks");
		symmetric.put("token_endpoint_auth_method", "client_secret_basic");
		String secretClient = register(store, symmetric.toString(), ClientSecretHash.hash("s3cret", 1_000));
		String keyClient = register(store, ClientMetadataTest.backend().toString(), null);
		ClientRegistry registry = new ClientRegistry(declared, store, clock);

		RegisteredClient authenticated = new ClientAuthenticator(registry, null)
				.authenticate(AuthHttp.basic(secretClient, "s3cret"), Map.of());
		assertThat(authenticated.clientId()).isEqualTo(secretClient);
		assertThat(authenticated.organization()).isEqualTo("Organization/hospital-a");

		RegisteredClient withKeys = registry.find(keyClient).orElseThrow();
		assertThat(withKeys.type()).isEqualTo(ClientType.CONFIDENTIAL_ASYMMETRIC);
		assertThat(withKeys.keys()).isNotNull();
	}

	@Test
	void anotherNodeSeesADeletionWithinTheCacheLifetimeAndThisNodeAtOnce() throws Exception {
		ClientRegistry thisNode = new ClientRegistry(declared, new RegisteredClientStore(database, DatabasePlatform.H2), clock);
		RegisteredClientStore otherStore = new RegisteredClientStore(database, DatabasePlatform.H2);
		ClientRegistry otherNode = new ClientRegistry(declared, otherStore, clock);
		String id = register(otherStore, ClientMetadataTest.publicApp().toString(), null);
		assertThat(thisNode.find(id)).isPresent();
		assertThat(otherNode.find(id)).isPresent();

		otherStore.delete(id);
		otherNode.forget(id);

		assertThat(otherNode.find(id)).isEmpty();
		assertThat(thisNode.find(id)).as("cached for a short while").isPresent();
		clock.advance(ClientRegistry.CACHE_TTL.plusSeconds(1));
		assertThat(thisNode.find(id)).isEmpty();
	}

	@Test
	void anUnchangedRowKeepsTheCachedClientAndAChangedRowIsRebuilt() throws Exception {
		RegisteredClientStore store = new RegisteredClientStore(database, DatabasePlatform.H2);
		ClientRegistry registry = new ClientRegistry(declared, store, clock);
		String id = register(store, ClientMetadataTest.publicApp().toString(), null);
		RegisteredClient first = registry.find(id).orElseThrow();

		clock.advance(ClientRegistry.CACHE_TTL.plusSeconds(1));
		assertThat(registry.find(id).orElseThrow()).isSameAs(first);

		var renamed = ClientMetadataTest.publicApp();
		renamed.put("client_name", "新しい名前");
		StoredClient current = store.find(id).orElseThrow();
		store.update(new StoredClient(id, renamed.toString(), null, current.issuedAt(), clock.instant().plusSeconds(1)));
		clock.advance(ClientRegistry.CACHE_TTL.plusSeconds(1));
		assertThat(registry.find(id).orElseThrow().clientName()).isEqualTo("新しい名前");
	}

	@Test
	void configurationComesFirstAndUnknownOrUnusableClientsAreNotFound() {
		RegisteredClientStore store = new RegisteredClientStore(database, DatabasePlatform.H2);
		ClientRegistry registry = new ClientRegistry(declared, store, clock);
		String broken = UUID.randomUUID().toString();
		store.insert(new StoredClient(broken, "{\"scope\":\"nonsense\"}", null, clock.instant(), clock.instant()));

		assertThat(registry.find("configured").orElseThrow().clientName()).isEqualTo("設定のアプリ");
		assertThat(registry.isDeclaredInConfiguration("configured")).isTrue();
		assertThat(registry.find(broken)).isEmpty();
		assertThat(registry.find("x".repeat(500))).isEmpty();
		assertThat(registry.find(null)).isEmpty();
	}

	@Test
	void creatingTheTableTwiceIsHarmless() {
		new RegisteredClientStore(database, DatabasePlatform.H2);
		new RegisteredClientStore(database, DatabasePlatform.H2);
	}

	private String register(RegisteredClientStore store, String json, String secretHash) throws Exception {
		String id = UUID.randomUUID().toString();
		ClientMetadata metadata = ClientMetadata.parse(JSON.readTree(json), AdminAccess.ADMIN_SCOPE);
		store.insert(new StoredClient(id, metadata.toJson(JSON).toString(), secretHash, clock.instant(), clock.instant()));
		return id;
	}

	private static JdbcDataSource database() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:clients-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=LEGACY");
		dataSource.setUser("sa");
		return dataSource;
	}
}
