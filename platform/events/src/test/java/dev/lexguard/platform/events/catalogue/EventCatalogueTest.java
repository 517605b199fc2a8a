package dev.lexguard.platform.events.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checks every type in the catalogue, including types that services add later: the schema compiles
 * (draft 2020-12), its $id carries the type and a version, every object decides on additional
 * properties, and no declared property is named like a secret.
 */
class EventCatalogueTest {

    private static final EventCatalogue CATALOGUE = EventCatalogue.fromClasspath();

    @Test
    void discoversTheTestOnlyTypeFromTestResources() {
        assertThat(CATALOGUE.find("dev.lexguard.test.widget.created")).isPresent();
        assertThat(CATALOGUE.find("dev.lexguard.test.nothing.happened")).isEmpty();
    }

    @Test
    void everySchemaFileIsListedInItsDirectorysIndex() throws IOException {
        for (String root : List.of("src/main/resources/", "src/test/resources/")) {
            Path dir = Path.of(root, EventCatalogue.DIRECTORY);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<String> listed = Files.readAllLines(dir.resolve("catalogue.list")).stream()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            try (Stream<Path> files = Files.list(dir)) {
                List<String> schemas = files.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(EventCatalogue.SCHEMA_SUFFIX)).toList();
                assertThat(listed).as(dir + "/catalogue.list").containsExactlyInAnyOrderElementsOf(schemas);
            }
        }
    }

    @Test
    void everyTypeHasAVersionedDraft202012Schema() {
        assertThat(CATALOGUE.types()).isNotEmpty();
        for (EventType type : CATALOGUE.types()) {
            JsonNode schema = type.schemaNode();
            assertThat(schema.path("$schema").asText()).as(type.resource())
                    .isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(type.schemaId().toString()).as(type.resource())
                    .matches("https://schemas\\.lexguard\\.dev/events/" + type.name().replace(".", "\\.") + "/[0-9]+\\.[0-9]+\\.json");
            assertThat(type.name()).matches(EventCatalogue.TYPE_NAME);
            assertThat(schema.path("type").asText()).as(type.resource() + ": data is an object").isEqualTo("object");
            assertThat(type.schema()).isNotNull();
        }
    }

    @Test
    void everyObjectInEverySchemaDecidesOnAdditionalProperties() {
        for (EventType type : CATALOGUE.types()) {
            List<String> undecided = new ArrayList<>();
            walk(type.schemaNode(), "#", (path, node) -> {
                boolean isObject = "object".equals(node.path("type").asText()) || node.has("properties");
                if (isObject && !node.has("additionalProperties") && !node.has("unevaluatedProperties")) {
                    undecided.add(path);
                }
            });
            assertThat(undecided).as(type.resource() + ": objects without additionalProperties").isEmpty();
        }
    }

    @Test
    void noSchemaDeclaresAPropertyNamedLikeASecret() {
        for (EventType type : CATALOGUE.types()) {
            List<String> secrets = new ArrayList<>();
            walk(type.schemaNode(), "#", (path, node) -> node.path("properties").fieldNames().forEachRemaining(name -> {
                if (SecretProperties.looksSecret(name)) {
                    secrets.add(path + "/properties/" + name);
                }
            }));
            assertThat(secrets).as(type.resource()).isEmpty();
        }
    }

    private interface Visitor {
        void visit(String path, JsonNode node);
    }

    private static void walk(JsonNode node, String path, Visitor visitor) {
        if (node.isObject()) {
            visitor.visit(path, node);
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                walk(field.getValue(), path + "/" + field.getKey(), visitor);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "/" + i, visitor);
            }
        }
    }
}
