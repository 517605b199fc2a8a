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
 * (draft 2020-12), its $id carries the type and a version, no object refuses properties it does not
 * declare (integrators must accept additive changes) while the strict copy LexGuard's producers are held
 * to refuses them everywhere, and no declared property is named like a secret.
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
    void noPublishedSchemaRefusesPropertiesItDoesNotDeclare() {
        for (EventType type : CATALOGUE.types()) {
            List<String> closed = new ArrayList<>();
            walk(type.schemaNode(), "#", (path, node) -> {
                for (String keyword : List.of("additionalProperties", "unevaluatedProperties")) {
                    if (node.path(keyword).isBoolean() && !node.path(keyword).asBoolean()) {
                        closed.add(path + "/" + keyword);
                    }
                }
            });
            assertThat(closed).as(type.resource() + ": integrators must accept the properties a later minor version adds").isEmpty();
        }
    }

    @Test
    void theStrictCopyClosesEveryObjectThatListsProperties() {
        for (EventType type : CATALOGUE.types()) {
            List<String> listed = new ArrayList<>();
            List<String> open = new ArrayList<>();
            walk(JsonSchemas.strict(type.schemaNode()), "#", (path, node) -> {
                if (node.path("properties").isObject() && !path.endsWith("/properties")) {
                    listed.add(path);
                    if (!node.path("additionalProperties").isBoolean() || node.path("additionalProperties").asBoolean()) {
                        open.add(path);
                    }
                }
            });
            assertThat(listed).as(type.resource()).isNotEmpty();
            assertThat(open).as(type.resource() + ": objects the strict copy leaves open").isEmpty();
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
