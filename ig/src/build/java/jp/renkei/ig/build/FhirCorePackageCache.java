package jp.renkei.ig.build;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * Writes the FHIR package {@code hl7.fhir.r4.core#4.0.1} into a FHIR package cache folder, from the
 * R4 definitions HAPI ships in {@code hapi-fhir-validation-resources-r4}.
 *
 * <p>SUSHI needs R4 core as a package in its cache, but that package is not on the npm registry
 * and the FHIR package registry is out of reach from our machines. HAPI's jar carries the same
 * definitions as Bundles; this tool explodes them into one {@code <Type>-<id>.json} per resource
 * with a {@code package.json} and {@code .index.json}, the layout SUSHI's package loader reads.
 *
 * <p>Usage: {@code FhirCorePackageCache <cache-dir>}, where {@code <cache-dir>} is the folder that
 * holds {@code <name>#<version>} package folders (SUSHI's {@code ~/.fhir/packages}). An existing
 * complete package is left alone.
 */
public final class FhirCorePackageCache {

    static final String PACKAGE_NAME = "hl7.fhir.r4.core";
    static final String PACKAGE_VERSION = "4.0.1";

    private static final String ROOT = "org/hl7/fhir/r4/model/";
    private static final List<String> BUNDLES = List.of(
            ROOT + "profile/profiles-types.xml",
            ROOT + "profile/profiles-resources.xml",
            ROOT + "profile/profiles-others.xml",
            ROOT + "extension/extension-definitions.xml",
            ROOT + "valueset/valuesets.xml",
            ROOT + "valueset/v2-tables.xml",
            ROOT + "valueset/v3-codesystems.xml",
            ROOT + "sp/search-parameters.json");

    private final FhirContext fhirContext;

    FhirCorePackageCache(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1 || args[0].isBlank() || args[0].startsWith("${")) {
            throw new IllegalArgumentException("Usage: FhirCorePackageCache <fhir-package-cache-dir>");
        }
        Path cacheDir = Path.of(args[0]).toAbsolutePath();
        Path packageFolder = cacheDir.resolve(PACKAGE_NAME + "#" + PACKAGE_VERSION);
        if (Files.isRegularFile(packageFolder.resolve("package/package.json"))) {
            System.out.println(PACKAGE_NAME + "#" + PACKAGE_VERSION + " already in " + cacheDir);
            return;
        }
        int count = new FhirCorePackageCache(FhirContext.forR4()).write(packageFolder);
        System.out.println("Wrote " + PACKAGE_NAME + "#" + PACKAGE_VERSION + " with " + count
                + " resources to " + packageFolder);
    }

    /**
     * Writes the package into {@code packageFolder} (which gets a {@code package/} child), building
     * it beside the target first so that an interrupted run leaves no half-written package behind.
     *
     * @return the number of resources written
     */
    int write(Path packageFolder) throws IOException {
        Files.createDirectories(packageFolder.getParent());
        Path staging = Files.createTempDirectory(packageFolder.getParent(), ".staging-");
        Path contentDir = Files.createDirectories(staging.resolve("package"));

        Map<String, Resource> resources = readResources();
        IParser json = fhirContext.newJsonParser();
        for (Map.Entry<String, Resource> entry : resources.entrySet()) {
            Files.writeString(contentDir.resolve(entry.getKey()),
                    json.encodeResourceToString(entry.getValue()), StandardCharsets.UTF_8);
        }
        ObjectMapper mapper = new ObjectMapper();
        mapper.writerWithDefaultPrettyPrinter()
                .writeValue(contentDir.resolve("package.json").toFile(), packageManifest(mapper));
        PackageIndex.write(contentDir, mapper);

        if (Files.exists(packageFolder)) {
            deleteRecursively(packageFolder);
        }
        Files.move(staging, packageFolder, StandardCopyOption.ATOMIC_MOVE);
        return resources.size();
    }

    /** Reads every bundle entry, keyed by its file name; the first definition of a name wins. */
    private Map<String, Resource> readResources() throws IOException {
        Map<String, Resource> byFileName = new LinkedHashMap<>();
        for (String bundlePath : BUNDLES) {
            Bundle bundle = readBundle(bundlePath);
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                Resource resource = entry.getResource();
                if (resource == null || !resource.hasIdElement()) {
                    continue;
                }
                String fileName = resource.fhirType() + "-" + resource.getIdElement().getIdPart() + ".json";
                byFileName.putIfAbsent(fileName, resource);
            }
        }
        return byFileName;
    }

    private Bundle readBundle(String classpathLocation) throws IOException {
        ClassLoader loader = FhirCorePackageCache.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(classpathLocation)) {
            if (in == null) {
                throw new IOException(classpathLocation + " is not on the classpath;"
                        + " is hapi-fhir-validation-resources-r4 a dependency?");
            }
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            IParser parser = classpathLocation.endsWith(".json")
                    ? fhirContext.newJsonParser()
                    : fhirContext.newXmlParser();
            return parser.parseResource(Bundle.class, reader);
        }
    }

    private static ObjectNode packageManifest(ObjectMapper mapper) {
        ObjectNode manifest = mapper.createObjectNode();
        manifest.put("name", PACKAGE_NAME);
        manifest.put("version", PACKAGE_VERSION);
        manifest.put("description", "FHIR R4 core definitions, rebuilt locally from HAPI FHIR's "
                + "hapi-fhir-validation-resources-r4 for SUSHI; not the official HL7 package.");
        manifest.put("type", "Core");
        manifest.put("license", "CC0-1.0");
        manifest.put("canonical", "http://hl7.org/fhir");
        manifest.put("url", "http://hl7.org/fhir/R4");
        manifest.putArray("fhirVersions").add(PACKAGE_VERSION);
        manifest.putObject("dependencies");
        return manifest;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
