package jp.renkei.server.smartclient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code fhirclient} JavaScript library (SMART Health IT's client-js, not written by us),
 * fetched from the npm registry with {@code npm pack} into {@code target/fhirclient-<version>} the
 * first time a test needs it, never committed. Its browser bundle defines the global {@code FHIR}.
 */
final class FhirClientJs {

	static final String VERSION = "2.6.3";
	private static final Path DIRECTORY = Path.of("target", "fhirclient-" + VERSION);
	private static final Path BUNDLE = DIRECTORY.resolve("package/build/fhir-client.js");

	private FhirClientJs() {}

	/** The browser bundle, downloaded and unpacked when missing. */
	static synchronized Path bundle() {
		if (Files.isRegularFile(BUNDLE)) {
			return BUNDLE;
		}
		try {
			Files.createDirectories(DIRECTORY);
			run(List.of("npm", "pack", "fhirclient@" + VERSION, "--pack-destination", DIRECTORY.toAbsolutePath().toString()));
			Path archive = DIRECTORY.resolve("fhirclient-" + VERSION + ".tgz");
			run(List.of("tar", "-xzf", archive.toAbsolutePath().toString(), "-C", DIRECTORY.toAbsolutePath().toString()));
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot fetch fhirclient@" + VERSION + " with npm (is node/npm installed? bin/test installs it)", e);
		}
		if (!Files.isRegularFile(BUNDLE)) {
			throw new IllegalStateException("fhirclient@" + VERSION + " has no " + BUNDLE);
		}
		return BUNDLE;
	}

	private static void run(List<String> command) throws IOException {
		Path log = Files.createTempFile("fhirclient-npm", ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			if (!process.waitFor(5, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " did not finish within 5 minutes");
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
		if (process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n"
					+ Files.readString(log, StandardCharsets.UTF_8));
		}
	}
}
