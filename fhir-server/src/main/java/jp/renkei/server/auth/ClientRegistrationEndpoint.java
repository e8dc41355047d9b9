package jp.renkei.server.auth;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import jp.renkei.server.auth.RegisteredClientStore.StoredClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Client registration for admins: {@code POST /auth/register} (RFC 7591) and
 * {@code GET/PUT/DELETE /auth/register/{client_id}} (RFC 7592), each with a bearer token carrying
 * {@link AdminAccess#ADMIN_SCOPE} instead of RFC 7592's per-client registration access token.
 * The server generates the client_id and, for {@code client_secret_basic}, a secret that is
 * returned once and stored only as its hash. Clients declared in configuration are not managed
 * here. Every change is logged, without secrets.
 */
@RestController
public class ClientRegistrationEndpoint {

	static final String PATH = AuthServerUrls.AUTH_PATH + "/register";
	private static final Logger LOG = LoggerFactory.getLogger(ClientRegistrationEndpoint.class);
	private static final int MAX_BODY_BYTES = 64 * 1024;
	private static final int SECRET_BYTES = 32;

	private final AdminAccess admin;
	private final ClientRegistry registry;
	private final RegisteredClientStore store;
	private final AuthServerUrls urls;
	private final Clock clock = Clock.systemUTC();
	private final SecureRandom random = new SecureRandom();
	private final ObjectMapper json = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

	public ClientRegistrationEndpoint(AdminAccess admin, ClientRegistry registry, RegisteredClientStore store, AuthServerUrls urls) {
		this.admin = admin;
		this.registry = registry;
		this.store = store;
		this.urls = urls;
	}

	@PostMapping(PATH)
	public ResponseEntity<ObjectNode> register(HttpServletRequest request) {
		Caller caller = admin.require(request);
		ClientMetadata metadata = ClientMetadata.parse(body(request), AdminAccess.ADMIN_SCOPE);
		String clientId = UUID.randomUUID().toString();
		String secret = metadata.type() == AuthProperties.ClientType.CONFIDENTIAL_SYMMETRIC ? newSecret() : null;
		Instant now = clock.instant();
		StoredClient stored = new StoredClient(clientId, metadata.toJson(json).toString(),
				secret == null ? null : ClientSecretHash.hash(secret), now, now);
		store.insert(stored);
		registry.forget(clientId);
		LOG.info("Client {} registered by {}: {}", clientId, caller.clientId(), describe(metadata));
		return ResponseEntity.created(URI.create(clientUri(clientId)))
				.cacheControl(CacheControl.noStore()).header(HttpHeaders.PRAGMA, "no-cache")
				.contentType(MediaType.APPLICATION_JSON)
				.body(response(stored, metadata, secret));
	}

	@GetMapping(PATH + "/{clientId}")
	public ResponseEntity<ObjectNode> read(@PathVariable String clientId, HttpServletRequest request) {
		admin.require(request);
		StoredClient stored = existing(clientId);
		return ok(response(stored, metadataOf(stored), null));
	}

	@PutMapping(PATH + "/{clientId}")
	public ResponseEntity<ObjectNode> update(@PathVariable String clientId, HttpServletRequest request) {
		Caller caller = admin.require(request);
		JsonNode body = body(request);
		StoredClient current = existing(clientId);
		// RFC 7592 section 2.2: the body names the client; a secret, if sent, must be the current one.
		if (!body.path("client_id").isTextual() || !body.path("client_id").asText().equals(clientId)) {
			throw AdminApiException.badRequest(AdminApiException.INVALID_CLIENT_METADATA, "client_id in the body must be " + clientId);
		}
		JsonNode sentSecret = body.get("client_secret");
		if (sentSecret != null && (current.secretHash() == null || !sentSecret.isTextual()
				|| !ClientSecretHash.matches(sentSecret.asText(), current.secretHash()))) {
			throw AdminApiException.badRequest(AdminApiException.INVALID_CLIENT_METADATA, "client_secret does not match the current secret");
		}
		ClientMetadata metadata = ClientMetadata.parse(body, AdminAccess.ADMIN_SCOPE);
		String secret = null;
		String secretHash = null;
		if (metadata.type() == AuthProperties.ClientType.CONFIDENTIAL_SYMMETRIC) {
			if (current.secretHash() != null) {
				secretHash = current.secretHash();
			} else {
				secret = newSecret();
				secretHash = ClientSecretHash.hash(secret);
			}
		}
		StoredClient updated = new StoredClient(clientId, metadata.toJson(json).toString(), secretHash,
				current.issuedAt(), clock.instant());
		if (!store.update(updated)) {
			throw AdminApiException.notFound("client " + clientId + " was deleted meanwhile");
		}
		registry.forget(clientId);
		LOG.info("Client {} updated by {}: {}{}", clientId, caller.clientId(), describe(metadata),
				secret == null ? "" : "; a new secret was issued");
		return ok(response(updated, metadata, secret));
	}

	@DeleteMapping(PATH + "/{clientId}")
	public ResponseEntity<Void> delete(@PathVariable String clientId, HttpServletRequest request) {
		Caller caller = admin.require(request);
		existing(clientId);
		if (!store.delete(clientId)) {
			throw AdminApiException.notFound("client " + clientId + " was deleted meanwhile");
		}
		registry.forget(clientId);
		LOG.info("Client {} deleted by {}", clientId, caller.clientId());
		return ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build();
	}

	private StoredClient existing(String clientId) {
		if (registry.isDeclaredInConfiguration(clientId)) {
			throw AdminApiException.notFound("client " + clientId + " is declared in configuration (renkei.auth.clients),"
					+ " not registered through this API: change it there");
		}
		return store.find(clientId).orElseThrow(() -> AdminApiException.notFound("no registered client " + clientId));
	}

	private ClientMetadata metadataOf(StoredClient stored) {
		try {
			return ClientMetadata.parse(json.readTree(stored.metadata()), AdminAccess.ADMIN_SCOPE);
		} catch (JsonProcessingException e) {
			throw new IllegalStateException("stored metadata of client " + stored.clientId() + " is not JSON", e);
		}
	}

	private ObjectNode response(StoredClient stored, ClientMetadata metadata, String secret) {
		ObjectNode body = json.createObjectNode();
		body.put("client_id", stored.clientId());
		body.put("client_id_issued_at", stored.issuedAt().getEpochSecond());
		if (secret != null) {
			body.put("client_secret", secret);
		}
		if (metadata.type() == AuthProperties.ClientType.CONFIDENTIAL_SYMMETRIC) {
			// RFC 7591: 0 = the secret does not expire.
			body.put("client_secret_expires_at", 0);
		}
		body.put("registration_client_uri", clientUri(stored.clientId()));
		body.setAll(metadata.toJson(json));
		return body;
	}

	private static ResponseEntity<ObjectNode> ok(ObjectNode body) {
		return ResponseEntity.status(HttpStatus.OK).cacheControl(CacheControl.noStore()).header(HttpHeaders.PRAGMA, "no-cache")
				.contentType(MediaType.APPLICATION_JSON).body(body);
	}

	private String clientUri(String clientId) {
		return urls.registrationEndpoint() + "/" + clientId;
	}

	private JsonNode body(HttpServletRequest request) {
		String contentType = request.getContentType();
		if (contentType == null || !MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType))) {
			throw AdminApiException.badRequest(AdminApiException.INVALID_CLIENT_METADATA, "the body must be application/json");
		}
		try (InputStream in = request.getInputStream()) {
			byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
			if (bytes.length > MAX_BODY_BYTES) {
				throw AdminApiException.badRequest(AdminApiException.INVALID_CLIENT_METADATA,
						"the body is larger than " + MAX_BODY_BYTES + " bytes");
			}
			JsonNode node = json.readTree(bytes);
			if (node == null || !node.isObject()) {
				throw AdminApiException.badRequest(AdminApiException.INVALID_CLIENT_METADATA, "the body must be a JSON object");
			}
			return node;
		} catch (JsonProcessingException e) {
			throw AdminApiException.badRequest(AdminApiException.INVALID_CLIENT_METADATA,
					"the body is not valid JSON: " + e.getOriginalMessage());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private String newSecret() {
		byte[] bytes = new byte[SECRET_BYTES];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String describe(ClientMetadata metadata) {
		return "name=" + metadata.clientName() + ", auth=" + metadata.tokenEndpointAuthMethod()
				+ ", grant_types=" + metadata.grantTypes() + ", scope=" + String.join(" ", metadata.scopes())
				+ ", redirect_uris=" + metadata.redirectUris()
				+ (metadata.jwksUri() != null ? ", jwks_uri=" + metadata.jwksUri() : "")
				+ (metadata.organization() != null ? ", organization=" + metadata.organization() : "");
	}
}
