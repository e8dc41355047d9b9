package jp.renkei.server.auth;

import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The operator's command to rotate the token signing keys: writes a new key into the key
 * directory ({@code renkei.auth.key-directory}, by default {@code <data-directory>/keys}). Every
 * server using that directory signs with it within {@link SigningKeys#RELOAD_INTERVAL} (at once
 * for verification), keeps publishing the previous keys until their tokens have expired, then
 * deletes them. No server needs to stop. With the packaged server:
 *
 * <pre>
 * java -cp fhir-server.jar -Dloader.main=jp.renkei.server.auth.SigningKeyRotation \
 *   org.springframework.boot.loader.launch.PropertiesLauncher /var/lib/renkei/keys
 * </pre>
 *
 * A running server can also rotate on request: {@code POST /auth/admin/keys/rotate} with an admin
 * token ({@link SigningKeyRotationEndpoint}).
 */
public final class SigningKeyRotation {

	private SigningKeyRotation() {}

	public static void main(String[] args) {
		if (args.length != 1 || args[0].startsWith("-")) {
			System.err.println("Usage: SigningKeyRotation <key directory>   (renkei.auth.key-directory, default <data-directory>/keys)");
			System.exit(2);
		}
		Path directory = Path.of(args[0]);
		RSAKey key = SigningKeys.addKey(directory, Clock.systemUTC());
		System.out.println("New token signing key " + key.getKeyID() + " written to " + directory.toAbsolutePath());
		System.out.println("Running servers using this directory sign with it within "
				+ SigningKeys.RELOAD_INTERVAL.toSeconds() + " s; older keys stay published until their tokens expire.");
	}
}
