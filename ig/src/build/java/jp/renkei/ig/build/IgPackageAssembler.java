package jp.renkei.ig.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns SUSHI's output ({@code fsh-generated/resources}) into the {@code package/} folder of the
 * FHIR NPM package {@code renkei.r4}: conformance resources directly in {@code package/}, example
 * instances in {@code package/example/}, each folder with its {@code .index.json}, plus
 * {@code package.json}.
 *
 * <p>Conformance resources are told apart from examples by resource type, which is what package
 * consumers go by too: HAPI's {@code NpmPackageValidationSupport} loads {@code package/} only.
 *
 * <p>Usage: {@code IgPackageAssembler <sushi-output-dir> <package-dir> <name> <version> <canonical>}
 * (build-ig.sh takes the last three from sushi-config.yaml). The package directory is emptied
 * first, so a resource removed from the FSH disappears from it.
 */
public final class IgPackageAssembler {

    private static final Set<String> CONFORMANCE_TYPES = Set.of(
            "StructureDefinition", "ValueSet", "CodeSystem", "ConceptMap", "NamingSystem",
            "SearchParameter", "OperationDefinition", "CapabilityStatement", "ImplementationGuide");
    private static final String JP_CORE_NAME = "jp-core.r4";
    private static final String JP_CORE_VERSION = "1.2.0";

    private final ObjectMapper mapper = new ObjectMapper();

    public static void main(String[] args) throws IOException {
        if (args.length != 5 || Stream.of(args).anyMatch(arg -> arg.isBlank() || arg.startsWith("${"))) {
            throw new IllegalArgumentException("Usage: IgPackageAssembler <sushi-output-dir> <package-dir>"
                    + " <name> <version> <canonical>");
        }
        Path source = Path.of(args[0]);
        Path packageDir = Path.of(args[1]);
        int[] counts = new IgPackageAssembler().assemble(source, packageDir, args[2], args[3], args[4]);
        System.out.println("Packed " + counts[0] + " conformance resources and " + counts[1]
                + " examples into " + packageDir);
    }

    /** @return the number of conformance resources and of examples written */
    int[] assemble(Path source, Path packageDir, String name, String version, String canonical)
            throws IOException {
        List<Path> resources = jsonFiles(source);
        if (resources.isEmpty()) {
            throw new IOException("No SUSHI output in " + source + "; did SUSHI run?");
        }
        clear(packageDir);
        Path exampleDir = Files.createDirectories(packageDir.resolve("example"));
        int conformance = 0;
        int examples = 0;
        for (Path file : resources) {
            String resourceType = mapper.readTree(file.toFile()).path("resourceType").asText();
            boolean isConformance = CONFORMANCE_TYPES.contains(resourceType);
            Files.copy(file, (isConformance ? packageDir : exampleDir).resolve(file.getFileName()));
            if (isConformance) {
                conformance++;
            } else {
                examples++;
            }
        }
        mapper.writerWithDefaultPrettyPrinter()
                .writeValue(packageDir.resolve("package.json").toFile(), manifest(name, version, canonical));
        PackageIndex.write(packageDir, mapper);
        PackageIndex.write(exampleDir, mapper);
        return new int[] {conformance, examples};
    }

    private JsonNode manifest(String name, String version, String canonical) {
        ObjectNode manifest = mapper.createObjectNode();
        manifest.put("name", name);
        manifest.put("version", version);
        manifest.put("title", "地域医療連携 Renkei Regional Health-Information Exchange");
        manifest.put("description", "Profiles for the participating facilities, beds, data-sharing"
                + " consent and shared documents of a Japanese regional health-information exchange,"
                + " on top of JP Core 1.2.0, and the definitions of its emergency summary and regional"
                + " identity operations. Canonical base is a placeholder (see ig/README.md).");
        manifest.put("type", "IG");
        manifest.put("canonical", canonical);
        manifest.put("url", canonical);
        manifest.put("jurisdiction", "urn:iso:std:iso:3166#JP");
        manifest.putArray("fhirVersions").add("4.0.1");
        ObjectNode dependencies = manifest.putObject("dependencies");
        dependencies.put("hl7.fhir.r4.core", "4.0.1");
        dependencies.put(JP_CORE_NAME, JP_CORE_VERSION);
        ObjectNode directories = manifest.putObject("directories");
        directories.put("lib", "package");
        directories.put("example", "example");
        return manifest;
    }

    private static List<Path> jsonFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.list(dir)) {
            return paths.filter(path -> path.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    private static void clear(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(dir);
    }
}
