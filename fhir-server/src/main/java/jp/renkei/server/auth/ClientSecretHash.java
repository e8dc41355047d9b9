package jp.renkei.server.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The stored form of a client secret: PBKDF2-HMAC-SHA256 with a random salt, written as
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (Base64). The JDK implements it, so no extra
 * dependency; the iteration count travels with the hash so it can be raised later.
 *
 * <p>Run {@code main} to hash a secret for application.yaml; it reads the secret from standard
 * input so it does not end up in the shell history.
 */
public final class ClientSecretHash {

	/** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
	static final int ITERATIONS = 600_000;
	private static final String PREFIX = "pbkdf2-sha256";
	private static final int SALT_BYTES = 16;
	private static final int HASH_BITS = 256;
	private static final SecureRandom RANDOM = new SecureRandom();

	private ClientSecretHash() {}

	public static String hash(String secret) {
		return hash(secret, ITERATIONS);
	}

	static String hash(String secret, int iterations) {
		byte[] salt = new byte[SALT_BYTES];
		RANDOM.nextBytes(salt);
		Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
		return String.join("$", PREFIX, Integer.toString(iterations), base64.encodeToString(salt),
				base64.encodeToString(derive(secret, salt, iterations)));
	}

	/** Whether {@code secret} matches {@code stored}; the comparison takes the same time wherever the bytes differ. */
	public static boolean matches(String secret, String stored) {
		String[] parts = stored.split("\\$");
		if (parts.length != 4 || !parts[0].equals(PREFIX)) {
			throw new IllegalArgumentException("Not a " + PREFIX + " hash");
		}
		Base64.Decoder base64 = Base64.getDecoder();
		byte[] expected = base64.decode(parts[3]);
		byte[] actual = derive(secret, base64.decode(parts[2]), Integer.parseInt(parts[1]));
		return MessageDigest.isEqual(expected, actual);
	}

	/** Whether {@code stored} has the form this class writes (checked at start, so a typo fails early). */
	static boolean isWellFormed(String stored) {
		try {
			matches("", stored);
			return true;
		} catch (IllegalArgumentException e) {
			return false;
		}
	}

	private static byte[] derive(String secret, byte[] salt, int iterations) {
		PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, HASH_BITS);
		try {
			return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
		} finally {
			spec.clearPassword();
		}
	}

	public static void main(String[] args) throws IOException {
		System.err.println("Client secret (one line on standard input):");
		String secret = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
		if (secret == null || secret.isEmpty()) {
			throw new IllegalArgumentException("No secret given");
		}
		System.out.println(hash(secret));
	}
}
