package jp.renkei.server.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.utilities.npm.FilesystemPackageCacheManager;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Reads conformance resources (StructureDefinition, ValueSet, CodeSystem, SearchParameter, ...) from
 * FHIR NPM packages given as a file, a folder, a classpath folder, or a name and version fetched from
 * the FHIR package registry.
 */
public final class ConformancePackageLoader {

	private static final Logger log = LoggerFactory.getLogger(ConformancePackageLoader.class);
	static final List<String> CONFORMANCE_TYPES = List.of(
			"StructureDefinition", "ValueSet", "CodeSystem", "SearchParameter", "NamingSystem", "ConceptMap");

	private final FhirContext fhirContext;
	private final String registryCacheDirectory;

	public ConformancePackageLoader(FhirContext fhirContext, String registryCacheDirectory) {
		this.fhirContext = fhirContext;
		this.registryCacheDirectory = registryCacheDirectory;
	}

	/** All conformance resources of one package. */
	public List<IBaseResource> load(ConformanceProperties.PackageSource source) {
		try {
			if (source.location().startsWith("classpath:")) {
				return loadClasspathFolder(source.location());
			}
			NpmPackage npm = openPackage(source);
			List<IBaseResource> resources = new ArrayList<>();
			for (String file : npm.listResources(CONFORMANCE_TYPES.toArray(String[]::new))) {
				try (InputStream in = npm.load("package", file)) {
					resources.add(parser().parseResource(in));
				}
			}
			log.info("Loaded {} conformance resources from package {}#{} ({})", resources.size(), npm.name(),
					npm.version(), source.location().isBlank() ? "package registry" : source.location());
			return resources;
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot load FHIR package " + source.name() + "#" + source.version()
					+ " from " + (source.location().isBlank() ? "the package registry" : source.location()), e);
		}
	}

	/** All JSON conformance resources in a folder (not recursive). */
	public List<IBaseResource> loadFolder(Path folder) {
		try (Stream<Path> files = Files.list(folder)) {
			List<IBaseResource> resources = new ArrayList<>();
			for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
				try (InputStream in = Files.newInputStream(file)) {
					resources.add(parser().parseResource(in));
				}
			}
			log.info("Loaded {} conformance resources from {}", resources.size(), folder);
			return resources;
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read conformance resources from " + folder, e);
		}
	}

	private NpmPackage openPackage(ConformanceProperties.PackageSource source) throws IOException {
		if (source.location().isBlank()) {
			FilesystemPackageCacheManager.Builder builder = new FilesystemPackageCacheManager.Builder();
			if (!registryCacheDirectory.isBlank()) {
				builder = builder.withCacheFolder(registryCacheDirectory);
			}
			return builder.build().loadPackage(source.name(), source.version());
		}
		Path path = Path.of(source.location());
		if (Files.isDirectory(path)) {
			Path packageFolder = Files.isDirectory(path.resolve("package")) ? path : path.getParent();
			return NpmPackage.fromFolder(packageFolder.toString());
		}
		try (InputStream in = Files.newInputStream(path)) {
			return NpmPackage.fromPackage(in);
		}
	}

	private List<IBaseResource> loadClasspathFolder(String location) throws IOException {
		String pattern = location.replaceFirst("^classpath:", "classpath*:").replaceAll("/?$", "/*.json");
		List<IBaseResource> resources = new ArrayList<>();
		for (Resource resource : new PathMatchingResourcePatternResolver().getResources(pattern)) {
			String name = resource.getFilename();
			if (name == null || name.equals("package.json") || name.startsWith(".")) {
				continue;
			}
			try (InputStream in = resource.getInputStream()) {
				IBaseResource parsed = parser().parseResource(in);
				if (CONFORMANCE_TYPES.contains(fhirContext.getResourceType(parsed))) {
					resources.add(parsed);
				}
			}
		}
		log.info("Loaded {} conformance resources from {}", resources.size(), location);
		return resources;
	}

	/** Published packages are parsed leniently: they are trusted input, unlike client requests. */
	private IParser parser() {
		return fhirContext.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false));
	}
}
