package jp.renkei.server.smartclient;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.client.ClientInformationResponse;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationRequest;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import jp.renkei.server.AbstractServerIT;
import org.junit.jupiter.api.Test;

/**
 * SMART Backend Services with a client library we did not write (Connect2id's Nimbus OAuth 2.0
 * SDK): it discovers our endpoints from {@code .well-known/smart-configuration}, authenticates
 * with {@code private_key_jwt} (its own client-assertion code), gets a system token by
 * {@code client_credentials} and has it introspected. A second client is registered through our
 * RFC 7591 API with the SDK's registration request. The token is checked by introspection, not on
 * /fhir, so these tests hold whether /fhir is open or protected.
 */
class ThirdPartyBackendServicesIT extends AbstractServerIT {

	private static final ObjectMapper JSON = new ObjectMapper();
	/** Test-only clients of src/test/resources/config/application.yaml; their keys and secrets protect nothing. */
	private static final String BACKEND = "test-backend";
	private static final String RESOURCE_SERVER = "test-resource-server";
	private static final String RESOURCE_SERVER_SECRET = "test-only-secret-for-introspection";
	private static final String ADMIN = "test-admin";
	private static final String ADMIN_SECRET = "test-only-admin-secret";

	@Test
	void theSdkGetsASystemTokenWithPrivateKeyJwtAndTheTokenIsActive() throws Exception {
		JsonNode discovery = discovery();
		URI tokenEndpoint = URI.create(discovery.get("token_endpoint").asText());
		RSAKey key = (RSAKey) privateKeys().getKeyByKeyId("test-backend-rsa");
		ClientAuthentication assertion = new PrivateKeyJWT(new ClientID(BACKEND), tokenEndpoint, JWSAlgorithm.RS384,
				key.toRSAPrivateKey(), key.getKeyID(), null);

		AccessTokenResponse response = token(new TokenRequest(tokenEndpoint, assertion, new ClientCredentialsGrant(),
				new Scope("system/Patient.rs", "system/Observation.rs")));

		AccessToken token = response.getTokens().getAccessToken();
		assertThat(token.getType().getValue()).isEqualTo("Bearer");
		assertThat(token.getScope().toStringList()).containsExactlyInAnyOrder("system/Patient.rs", "system/Observation.rs");
		assertThat(token.getLifetime()).isEqualTo(300);
		TokenIntrospectionSuccessResponse introspection = introspect(URI.create(discovery.get("introspection_endpoint").asText()), token);
		assertThat(introspection.isActive()).isTrue();
		assertThat(introspection.getClientID()).isEqualTo(new ClientID(BACKEND));
		assertThat(introspection.getScope().toStringList()).contains("system/Patient.rs");
		assertThat(introspection.getStringParameter("organization")).isEqualTo("Organization/test-hospital");
	}

	@Test
	void aClientRegisteredWithTheSdkGetsATokenWithItsOwnEcKey() throws Exception {
		JsonNode discovery = discovery();
		URI tokenEndpoint = URI.create(discovery.get("token_endpoint").asText());
		AccessToken admin = token(new TokenRequest(tokenEndpoint, new ClientSecretBasic(new ClientID(ADMIN), new Secret(ADMIN_SECRET)),
				new ClientCredentialsGrant(), new Scope("renkei.admin"))).getTokens().getAccessToken();
		ECKey key = (ECKey) privateKeys().getKeyByKeyId("test-backend-ec");
		ClientMetadata metadata = new ClientMetadata();
		metadata.setName("外部検査センター (SDK)");
		metadata.setGrantTypes(Set.of(GrantType.CLIENT_CREDENTIALS));
		metadata.setTokenEndpointAuthMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
		metadata.setJWKSet(new JWKSet(key.toPublicJWK()));
		metadata.setScope(new Scope("system/Observation.rs"));

		ClientRegistrationResponse registration = ClientRegistrationResponse.parse(new ClientRegistrationRequest(
				URI.create(registrationEndpoint()), metadata, new BearerAccessToken(admin.getValue())).toHTTPRequest().send());

		assertThat(registration.indicatesSuccess()).as(() -> registration.toErrorResponse().getErrorObject().toString()).isTrue();
		ClientInformation client = ((ClientInformationResponse) registration).getClientInformation();
		assertThat(client.getSecret()).isNull();
		assertThat(client.getMetadata().getJWKSet().getKeyByKeyId("test-backend-ec").isPrivate()).isFalse();
		AccessTokenResponse token = token(new TokenRequest(tokenEndpoint,
				new PrivateKeyJWT(client.getID(), tokenEndpoint, JWSAlgorithm.ES384, key.toECPrivateKey(), key.getKeyID(), null),
				new ClientCredentialsGrant(), new Scope("system/Observation.rs")));
		assertThat(introspect(URI.create(discovery.get("introspection_endpoint").asText()), token.getTokens().getAccessToken())
				.getClientID()).isEqualTo(client.getID());
	}

	@Test
	void theSdkSeesAWrongKeyRefusedAsInvalidClient() throws Exception {
		URI tokenEndpoint = URI.create(discovery().get("token_endpoint").asText());
		RSAKey stranger = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("test-backend-rsa").generate();

		TokenResponse response = TokenResponse.parse(new TokenRequest(tokenEndpoint,
				new PrivateKeyJWT(new ClientID(BACKEND), tokenEndpoint, JWSAlgorithm.RS384, stranger.toRSAPrivateKey(), "test-backend-rsa", null),
				new ClientCredentialsGrant(), new Scope("system/Patient.rs")).toHTTPRequest().send());

		assertThat(response.indicatesSuccess()).isFalse();
		TokenErrorResponse error = response.toErrorResponse();
		assertThat(error.getErrorObject().getCode()).isEqualTo("invalid_client");
		assertThat(error.getErrorObject().getHTTPStatusCode()).isEqualTo(401);
	}

	private static AccessTokenResponse token(TokenRequest request) throws Exception {
		TokenResponse response = TokenResponse.parse(request.toHTTPRequest().send());
		assertThat(response.indicatesSuccess()).as(() -> response.toErrorResponse().getErrorObject().toString()).isTrue();
		return response.toSuccessResponse();
	}

	private static TokenIntrospectionSuccessResponse introspect(URI endpoint, AccessToken token) throws Exception {
		TokenIntrospectionResponse response = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(endpoint,
				new ClientSecretBasic(new ClientID(RESOURCE_SERVER), new Secret(RESOURCE_SERVER_SECRET)), token).toHTTPRequest().send());
		assertThat(response.indicatesSuccess()).isTrue();
		return response.toSuccessResponse();
	}

	private JsonNode discovery() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient().send(
				HttpRequest.newBuilder(URI.create(fhirBase() + "/.well-known/smart-configuration")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private String fhirBase() {
		return "http://localhost:" + port + "/fhir";
	}

	private String registrationEndpoint() {
		return "http://localhost:" + port + "/auth/register";
	}

	/** The test-only private keys of test-backend (src/test/resources/auth). */
	private static JWKSet privateKeys() throws Exception {
		try (InputStream in = ThirdPartyBackendServicesIT.class.getResourceAsStream("/auth/test-backend-client-private.jwks.json")) {
			return JWKSet.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
	}
}
