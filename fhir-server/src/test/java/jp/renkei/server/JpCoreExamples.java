package jp.renkei.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/** The 76 JP Core example instances from ../shared/fhir-packages/jp-core-examples, as test data. */
public final class JpCoreExamples {

	private JpCoreExamples() {}

	public static List<Path> files() {
		Path folder = AbstractServerIT.fhirPackages().resolve("jp-core-examples");
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
		} catch (IOException e) {
			throw new UncheckedIOException("JP Core examples not found in " + folder, e);
		}
	}

	public static Resource parse(Path file) {
		try {
			return (Resource) AbstractServerIT.FHIR.newJsonParser()
					.parseResource(Files.readString(file, StandardCharsets.UTF_8));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** All examples as one transaction of PUTs (they reference each other). */
	public static Bundle asTransaction() {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (Path file : files()) {
			Resource resource = parse(file);
			String url = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
			bundle.addEntry().setFullUrl(url).setResource(resource)
					.getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(url);
		}
		return bundle;
	}
}
