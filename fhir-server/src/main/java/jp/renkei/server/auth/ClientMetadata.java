package jp.renkei.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import jp.renkei.server.auth.AuthProperties.ClientType;

/**
 * The metadata of a client registered through the registration API (RFC 7591 section 2), parsed
 * from the request JSON and checked for consistency. Every problem is an
 * {@link AdminApiException} with RFC 7591's {@code invalid_redirect_uri} or
 * {@code invalid_client_metadata}; unknown fields are ignored as the RFC asks.
 *
 * <p>Rules beyond the RFC, so that a registration cannot grant more than its type allows:
 * {@code system/} scopes need the {@code client_credentials} grant and a confidential
 * authentication method; {@code patient/}, {@code user/} and the launch/OpenID scopes need
 * {@code authorization_code}; the admin scope is never registrable (admin clients are declared
 * in configuration only).
 *
 * @param clientName the name shown to users
 * @param redirectUris exact redirect URIs (https, or http on localhost/127.0.0.1/[::1])
 * @param tokenEndpointAuthMethod {@code none}, {@code client_secret_basic} or {@code private_key_jwt}
 * @param jwks the public JWK Set as JSON (private_key_jwt), else null
 * @param jwksUri where the public JWK Set is published (private_key_jwt), else null
 * @param scopes the scopes the client may be granted
 * @param grantTypes {@code authorization_code}, {@code refresh_token}, {@code client_credentials}
 * @param launchUri our extension {@code launch_uri}: where an EHR launches the app, else null
 * @param organization our extension {@code organization}: {@code Organization/<id>} a facility system acts for, else null
 */
public record ClientMetadata(
		String clientName,
		List<String> redirectUris,
		String tokenEndpointAuthMethod,
		String jwks,
		URI jwksUri,
		List<String> scopes,
		List<String> grantTypes,
		URI launchUri,
		String organization) {

	public static final String NONE = "none";
	public static final String CLIENT_SECRET_BASIC = "client_secret_basic";
	public static final String PRIVATE_KEY_JWT = "private_key_jwt";
	static final String AUTHORIZATION_CODE = "authorization_code";
	static final String CLIENT_CREDENTIALS = "client_credentials";
	static final String REFRESH_TOKEN = "refresh_token";

	private static final Set<String> AUTH_METHODS = Set.of(NONE, CLIENT_SECRET_BASIC, PRIVATE_KEY_JWT);
	private static final Set<String> GRANT_TYPES = Set.of(AUTHORIZATION_CODE, CLIENT_CREDENTIALS, REFRESH_TOKEN);
	/** Non-clinical scopes an app using the authorization code flow may register. */
	private static final Set<String> USER_FLOW_SCOPES = Set.of(
			"openid", "fhirUser", "profile", "launch", "launch/patient", "launch/encounter", "offline_access", "online_access");
	private static final Pattern ORGANIZATION = Pattern.compile("Organization/[A-Za-z0-9\\-.]{1,64}");
	private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");
	private static final int MAX_NAME_LENGTH = 200;
	private static final int MAX_URIS = 20;
	private static final int MAX_URI_LENGTH = 2048;
	private static final int MAX_JWKS_LENGTH = 16 * 1024;
	private static final int MAX_SCOPES = 100;

	public ClientMetadata {
		redirectUris = List.copyOf(redirectUris);
		scopes = List.copyOf(scopes);
		grantTypes = List.copyOf(grantTypes);
	}

	/** The client type this authentication method stands for. */
	public ClientType type() {
		return switch (tokenEndpointAuthMethod) {
			case NONE -> ClientType.PUBLIC;
			case CLIENT_SECRET_BASIC -> ClientType.CONFIDENTIAL_SYMMETRIC;
			default -> ClientType.CONFIDENTIAL_ASYMMETRIC;
		};
	}

	/**
	 * Parses and checks a registration request.
	 *
	 * @param json the request body (a JSON object)
	 * @param adminScope the scope that is never registrable
	 */
	public static ClientMetadata parse(JsonNode json, String adminScope) {
		if (json == null || !json.isObject()) {
			throw invalidMetadata("the body must be a JSON object of client metadata");
		}
		String authMethod = optionalText(json, "token_endpoint_auth_method").orElse(CLIENT_SECRET_BASIC);
		if (!AUTH_METHODS.contains(authMethod)) {
			throw invalidMetadata("token_endpoint_auth_method must be none, client_secret_basic or private_key_jwt");
		}
		List<String> grantTypes = optionalStrings(json, "grant_types", 10).orElse(List.of(AUTHORIZATION_CODE));
		if (grantTypes.isEmpty() || !GRANT_TYPES.containsAll(grantTypes)) {
			throw invalidMetadata("grant_types must be taken from authorization_code, refresh_token and client_credentials");
		}
		boolean codeFlow = grantTypes.contains(AUTHORIZATION_CODE);
		boolean clientCredentials = grantTypes.contains(CLIENT_CREDENTIALS);
		if (grantTypes.contains(REFRESH_TOKEN) && !codeFlow) {
			throw invalidMetadata("grant_types: refresh_token needs authorization_code");
		}
		if (clientCredentials && authMethod.equals(NONE)) {
			throw invalidMetadata("grant_types: client_credentials needs a confidential client"
					+ " (token_endpoint_auth_method client_secret_basic or private_key_jwt)");
		}
		Optional<List<String>> responseTypes = optionalStrings(json, "response_types", 5);
		if (responseTypes.isPresent() && !responseTypes.get().equals(codeFlow ? List.of("code") : List.of())) {
			throw invalidMetadata("response_types must be [\"code\"] with authorization_code, and empty otherwise");
		}

		List<String> redirectUris = optionalStrings(json, "redirect_uris", MAX_URIS).orElse(List.of());
		if (codeFlow && redirectUris.isEmpty()) {
			throw AdminApiException.badRequest(AdminApiException.INVALID_REDIRECT_URI, "redirect_uris is required for authorization_code");
		}
		if (!codeFlow && !redirectUris.isEmpty()) {
			throw AdminApiException.badRequest(AdminApiException.INVALID_REDIRECT_URI, "redirect_uris are used only with authorization_code");
		}
		for (String uri : redirectUris) {
			checkUri(uri, "redirect_uris", AdminApiException.INVALID_REDIRECT_URI);
		}
		if (new LinkedHashSet<>(redirectUris).size() != redirectUris.size()) {
			throw AdminApiException.badRequest(AdminApiException.INVALID_REDIRECT_URI, "redirect_uris lists a URI twice");
		}

		List<String> scopes = scopes(json, adminScope, codeFlow, clientCredentials);
		String jwks = jwks(json);
		URI jwksUri = optionalText(json, "jwks_uri").map(uri -> checkUri(uri, "jwks_uri", AdminApiException.INVALID_CLIENT_METADATA)).orElse(null);
		if (authMethod.equals(PRIVATE_KEY_JWT) && (jwks == null) == (jwksUri == null)) {
			throw invalidMetadata("private_key_jwt needs exactly one of jwks and jwks_uri");
		}
		if (!authMethod.equals(PRIVATE_KEY_JWT) && (jwks != null || jwksUri != null)) {
			throw invalidMetadata("jwks and jwks_uri are used only with token_endpoint_auth_method private_key_jwt");
		}

		String clientName = optionalText(json, "client_name").map(String::strip).orElse(null);
		if (clientName != null && (clientName.isEmpty() || clientName.length() > MAX_NAME_LENGTH)) {
			throw invalidMetadata("client_name must have 1 to " + MAX_NAME_LENGTH + " characters");
		}
		URI launchUri = optionalText(json, "launch_uri").map(uri -> checkUri(uri, "launch_uri", AdminApiException.INVALID_CLIENT_METADATA)).orElse(null);
		if (launchUri != null && !codeFlow) {
			throw invalidMetadata("launch_uri is used only by apps with authorization_code");
		}
		String organization = optionalText(json, "organization").orElse(null);
		if (organization != null && !ORGANIZATION.matcher(organization).matches()) {
			throw invalidMetadata("organization must be a reference Organization/<id>");
		}
		return new ClientMetadata(clientName, redirectUris, authMethod, jwks, jwksUri, scopes, grantTypes, launchUri, organization);
	}

	/** The metadata as RFC 7591 JSON (also the stored form). */
	public ObjectNode toJson(ObjectMapper mapper) {
		ObjectNode json = mapper.createObjectNode();
		if (clientName != null) {
			json.put("client_name", clientName);
		}
		ArrayNode redirects = json.putArray("redirect_uris");
		redirectUris.forEach(redirects::add);
		json.put("token_endpoint_auth_method", tokenEndpointAuthMethod);
		ArrayNode grants = json.putArray("grant_types");
		grantTypes.forEach(grants::add);
		ArrayNode responses = json.putArray("response_types");
		if (grantTypes.contains(AUTHORIZATION_CODE)) {
			responses.add("code");
		}
		json.put("scope", String.join(" ", scopes));
		if (jwks != null) {
			try {
				json.set("jwks", mapper.readTree(jwks));
			} catch (com.fasterxml.jackson.core.JsonProcessingException e) {
				throw new IllegalStateException("stored jwks is not JSON", e);
			}
		}
		if (jwksUri != null) {
			json.put("jwks_uri", jwksUri.toString());
		}
		if (launchUri != null) {
			json.put("launch_uri", launchUri.toString());
		}
		if (organization != null) {
			json.put("organization", organization);
		}
		return json;
	}

	private static List<String> scopes(JsonNode json, String adminScope, boolean codeFlow, boolean clientCredentials) {
		String scope = optionalText(json, "scope").map(String::strip).orElse("");
		if (scope.isEmpty()) {
			throw invalidMetadata("scope is required: the scopes the client may be granted, separated by spaces");
		}
		List<String> scopes = List.of(scope.split("\\s+"));
		if (scopes.size() > MAX_SCOPES) {
			throw invalidMetadata("scope lists more than " + MAX_SCOPES + " scopes");
		}
		for (String token : scopes) {
			if (token.equals(adminScope)) {
				throw invalidMetadata("scope " + adminScope + " cannot be registered: admin clients are declared in configuration");
			}
			Optional<SmartScope> clinical = SmartScope.parse(token);
			if (clinical.isPresent()) {
				boolean system = clinical.get().context().equals("system");
				if (system && !clientCredentials) {
					throw invalidMetadata("scope " + token + ": system scopes need grant_types client_credentials");
				}
				if (!system && !codeFlow) {
					throw invalidMetadata("scope " + token + ": patient and user scopes need grant_types authorization_code");
				}
			} else if (USER_FLOW_SCOPES.contains(token)) {
				if (!codeFlow) {
					throw invalidMetadata("scope " + token + " needs grant_types authorization_code");
				}
			} else {
				throw invalidMetadata("scope " + token + " is not a SMART scope this server grants");
			}
		}
		return List.copyOf(new LinkedHashSet<>(scopes));
	}

	private static String jwks(JsonNode json) {
		JsonNode node = json.get("jwks");
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isObject()) {
			throw invalidMetadata("jwks must be a JWK Set object {\"keys\": [...]}");
		}
		String text = node.toString();
		if (text.length() > MAX_JWKS_LENGTH) {
			throw invalidMetadata("jwks is larger than " + MAX_JWKS_LENGTH + " characters");
		}
		JWKSet set;
		try {
			set = JWKSet.parse(text);
		} catch (ParseException e) {
			throw invalidMetadata("jwks is not a JWK Set: " + e.getMessage());
		}
		if (set.getKeys().isEmpty()) {
			throw invalidMetadata("jwks holds no key");
		}
		for (JWK key : set.getKeys()) {
			if (key.isPrivate()) {
				throw invalidMetadata("jwks holds a private key: register only the public keys");
			}
			if (!KeyType.RSA.equals(key.getKeyType()) && !KeyType.EC.equals(key.getKeyType())) {
				throw invalidMetadata("jwks: key " + key.getKeyID() + " is " + key.getKeyType() + "; only RSA and EC signing keys are accepted");
			}
			if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
				throw invalidMetadata("jwks: key " + key.getKeyID() + " is not for signatures (use must be sig)");
			}
		}
		return set.toString();
	}

	/** An absolute https URI without fragment, or http on a loopback host (development and native apps). */
	private static URI checkUri(String value, String field, String error) {
		URI uri;
		try {
			uri = new URI(value);
		} catch (URISyntaxException e) {
			throw AdminApiException.badRequest(error, field + ": " + value + " is not a URI");
		}
		if (value.length() > MAX_URI_LENGTH || !uri.isAbsolute() || uri.getHost() == null) {
			throw AdminApiException.badRequest(error, field + ": " + value + " must be an absolute URL with a host");
		}
		if (uri.getRawFragment() != null || value.contains("#")) {
			throw AdminApiException.badRequest(error, field + ": " + value + " must not contain a fragment");
		}
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		boolean loopback = LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
		if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
			throw AdminApiException.badRequest(error, field + ": " + value
					+ " must use https (http only on localhost, 127.0.0.1 or [::1])");
		}
		if (uri.getRawUserInfo() != null) {
			throw AdminApiException.badRequest(error, field + ": " + value + " must not contain user information");
		}
		return uri;
	}

	private static Optional<String> optionalText(JsonNode json, String field) {
		JsonNode node = json.get(field);
		if (node == null || node.isNull()) {
			return Optional.empty();
		}
		if (!node.isTextual()) {
			throw invalidMetadata(field + " must be a string");
		}
		return Optional.of(node.asText());
	}

	private static Optional<List<String>> optionalStrings(JsonNode json, String field, int max) {
		JsonNode node = json.get(field);
		if (node == null || node.isNull()) {
			return Optional.empty();
		}
		if (!node.isArray() || node.size() > max) {
			throw invalidMetadata(field + " must be an array of at most " + max + " strings");
		}
		List<String> values = new ArrayList<>();
		for (JsonNode element : node) {
			if (!element.isTextual() || element.asText().isBlank()) {
				throw invalidMetadata(field + " must be an array of non-empty strings");
			}
			values.add(element.asText());
		}
		return Optional.of(values);
	}

	private static AdminApiException invalidMetadata(String description) {
		return AdminApiException.badRequest(AdminApiException.INVALID_CLIENT_METADATA, description);
	}
}
