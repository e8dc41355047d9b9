package jp.renkei.ig.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes the {@code .index.json} of one folder of a FHIR NPM package: one entry per resource file
 * with the fields the package specification lists (filename, resourceType, id, url, version, kind,
 * type, supplements, content), so that tools can find resources without parsing every file.
 */
final class PackageIndex {

    private static final List<String> INDEXED_FIELDS =
            List.of("resourceType", "id", "url", "version", "kind", "type", "supplements", "content");

    private PackageIndex() {
    }

    /**
     * Indexes the {@code *.json} resource files directly inside {@code folder} (not its sub-folders,
     * not {@code package.json} nor dot-files) and writes {@code folder/.index.json}.
     *
     * @return the number of files indexed
     */
    static int write(Path folder, ObjectMapper mapper) throws IOException {
        ObjectNode index = mapper.createObjectNode();
        index.put("index-version", 1);
        ArrayNode files = index.putArray("files");
        for (Path file : resourceFiles(folder)) {
            JsonNode resource = mapper.readTree(file.toFile());
            ObjectNode entry = files.addObject();
            entry.put("filename", file.getFileName().toString());
            for (String field : INDEXED_FIELDS) {
                JsonNode value = resource.get(field);
                if (value != null && value.isValueNode()) {
                    entry.put(field, value.asText());
                }
            }
        }
        mapper.writerWithDefaultPrettyPrinter().writeValue(folder.resolve(".index.json").toFile(), index);
        return files.size();
    }

    private static List<Path> resourceFiles(Path folder) throws IOException {
        try (Stream<Path> paths = Files.list(folder)) {
            return paths.filter(Files::isRegularFile)
                    .filter(path -> {
                        String name = path.getFileName().toString();
                        return name.endsWith(".json") && !name.startsWith(".") && !name.equals("package.json");
                    })
                    .sorted()
                    .toList();
        }
    }
}
