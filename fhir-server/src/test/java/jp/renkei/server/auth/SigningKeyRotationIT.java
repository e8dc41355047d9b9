package jp.renkei.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jp.renkei.server.AbstractServerIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * Signing-key rotation on a running server: by the admin API and by the operator's command on the
 * key directory. Tokens signed before stay valid, new ones carry the new kid, /auth/jwks lists both.
 * (Pruning after the token lifetime is covered by SigningKeyRotationTest with a test clock.)
 */
class SigningKeyRotationIT extends AbstractServerIT {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Value("${renkei.server.data-directory}")
	private Path dataDirectory;

	@Test
	void theAdminApiRotatesAndOldTokensStayValid() throws Exception {
		String before = token();

		HttpResponse<String> rotated = AuthHttp.postForm(port, "/auth/admin/keys/rotate", "Bearer " + ClientRegistrationIT.adminToken(port));

		assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
		JsonNode body = JSON.readTree(rotated.body());
		String activeKid = body.get("active_kid").asText();
		String after = token();
		assertThat(kid(after)).isEqualTo(activeKid).isNotEqualTo(kid(before));
		assertThat(publishedKids()).contains(activeKid, kid(before));
		assertThat(texts(body.get("published_kids"))).contains(activeKid, kid(before));
		assertThat(introspect(before).get("active").asBoolean()).isTrue();
		assertThat(introspect(after).get("active").asBoolean()).isTrue();
	}

	@Test
	void theRotationCommandOnTheKeyDirectoryIsPickedUpByTheRunningServer() throws Exception {
		String before = token();
		Path keyDirectory = dataDirectory.resolve("keys");
		assertThat(keyDirectory.resolve(kid(before) + ".jwk.json")).exists();

		SigningKeyRotation.main(new String[] {keyDirectory.toString()});
		String newKid;
		try (var files = Files.list(keyDirectory)) {
			newKid = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".jwk.json"))
					.map(name -> name.substring(0, name.length() - ".jwk.json".length())).sorted().reduce((a, b) -> b).orElseThrow();
		}

		long deadline = System.currentTimeMillis() + SigningKeys.RELOAD_INTERVAL.toMillis() + 5_000;
		String after = token();
		while (!kid(after).equals(newKid) && System.currentTimeMillis() < deadline) {
			Thread.sleep(500);
			after = token();
		}
		assertThat(kid(after)).as("the server signs with the key the command wrote").isEqualTo(newKid);
		assertThat(publishedKids()).contains(newKid, kid(before));
		assertThat(introspect(before).get("active").asBoolean()).isTrue();
	}

	@Test
	void rotationNeedsAnAdminToken() throws Exception {
		HttpResponse<String> anonymous = AuthHttp.postForm(port, "/auth/admin/keys/rotate", null);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(JSON.readTree(anonymous.body()).get("error").asText()).isEqualTo("invalid_token");

		HttpResponse<String> clinical = AuthHttp.postForm(port, "/auth/admin/keys/rotate", "Bearer " + token());
		assertThat(clinical.statusCode()).isEqualTo(403);
		assertThat(JSON.readTree(clinical.body()).get("error").asText()).isEqualTo("insufficient_scope");
	}

	private String token() throws Exception {
		HttpResponse<String> response = AuthHttp.postForm(port, "/auth/token",
				AuthHttp.basic(TestBackendClient.RESOURCE_SERVER_ID, TestBackendClient.RESOURCE_SERVER_SECRET),
				"grant_type", "client_credentials", "scope", "system/Patient.rs");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body()).get("access_token").asText();
	}

	private JsonNode introspect(String token) throws Exception {
		HttpResponse<String> response = AuthHttp.postForm(port, "/auth/introspect",
				AuthHttp.basic(TestBackendClient.RESOURCE_SERVER_ID, TestBackendClient.RESOURCE_SERVER_SECRET), "token", token);
		return JSON.readTree(response.body());
	}

	private List<String> publishedKids() throws Exception {
		return JWKSet.parse(AuthHttp.get(port, "/auth/jwks").body()).getKeys().stream().map(JWK::getKeyID).toList();
	}

	private static String kid(String token) throws Exception {
		return SignedJWT.parse(token).getHeader().getKeyID();
	}

	private static List<String> texts(JsonNode array) {
		List<String> values = new java.util.ArrayList<>();
		array.forEach(node -> values.add(node.asText()));
		return values;
	}
}
