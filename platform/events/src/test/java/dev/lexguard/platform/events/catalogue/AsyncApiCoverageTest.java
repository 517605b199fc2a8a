package dev.lexguard.platform.events.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/asyncapi.yaml documents every event type of the catalogue: one message under
 * components.messages whose name is the type, whose payload's data is the type's schema file, and which
 * the channel of the producing service lists. Test-only types (dev.lexguard.test.*) are not documented.
 */
class AsyncApiCoverageTest {

    private static final Path DOCS = Path.of("../../docs");
    private static final Path SCHEMAS = Path.of("src/main/resources", EventCatalogue.DIRECTORY);
    private static JsonNode asyncApi;

    @BeforeAll
    static void read() throws IOException {
        asyncApi = new ObjectMapper(new YAMLFactory()).readTree(DOCS.resolve("asyncapi.yaml").toFile());
    }

    @Test
    void theDocumentIsAsyncApi3WithTheEnvelopeSchema() {
        assertThat(asyncApi.path("asyncapi").asText()).startsWith("3.");
        String envelope = asyncApi.at("/components/schemas/CloudEvent/$ref").asText();
        assertThat(DOCS.resolve(envelope)).exists();
    }

    @Test
    void everyEventTypeHasAMessageWithItsSchemaOnItsServicesChannel() {
        Map<String, String> messageKeyByType = new HashMap<>();
        asyncApi.path("components").path("messages").fields()
                .forEachRemaining(m -> messageKeyByType.put(m.getValue().path("name").asText(), m.getKey()));
        List<String> problems = new ArrayList<>();
        for (EventType type : EventCatalogue.fromClasspath().types()) {
            if (type.name().startsWith("dev.lexguard.test.")) {
                continue;
            }
            String key = messageKeyByType.get(type.name());
            if (key == null) {
                problems.add(type.name() + ": no message named for it under components.messages");
                continue;
            }
            JsonNode message = asyncApi.path("components").path("messages").path(key);
            String dataRef = findDataRef(message.path("payload"));
            Path expected = DOCS.toAbsolutePath().normalize().relativize(
                    SCHEMAS.resolve(type.name() + EventCatalogue.SCHEMA_SUFFIX).toAbsolutePath().normalize());
            if (dataRef == null || !DOCS.resolve(dataRef).toAbsolutePath().normalize()
                    .equals(SCHEMAS.resolve(type.name() + EventCatalogue.SCHEMA_SUFFIX).toAbsolutePath().normalize())) {
                problems.add(type.name() + ": payload data should $ref " + expected + " but is " + dataRef);
            }
            String service = type.name().split("\\.")[2];
            if (!channelListsMessage("lexguard." + service + ".events", "#/components/messages/" + key)) {
                problems.add(type.name() + ": channel lexguard." + service + ".events does not list #/components/messages/" + key);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyReferencedSchemaFileExists() throws IOException {
        List<String> missing = new ArrayList<>();
        collectRefs(asyncApi, missing);
        assertThat(missing).as("$refs to files that do not exist").isEmpty();
        assertThat(Files.exists(SCHEMAS)).isTrue();
    }

    private static String findDataRef(JsonNode payload) {
        for (JsonNode part : payload.path("allOf")) {
            JsonNode ref = part.path("properties").path("data").path("$ref");
            if (ref.isTextual()) {
                return ref.asText();
            }
        }
        return null;
    }

    private static boolean channelListsMessage(String address, String messageRef) {
        var channels = asyncApi.path("channels").fields();
        while (channels.hasNext()) {
            JsonNode channel = channels.next().getValue();
            if (address.equals(channel.path("address").asText())) {
                var messages = channel.path("messages").elements();
                while (messages.hasNext()) {
                    if (messageRef.equals(messages.next().path("$ref").asText())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static void collectRefs(JsonNode node, List<String> missing) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && !ref.asText().startsWith("#") && !Files.exists(DOCS.resolve(ref.asText()))) {
                missing.add(ref.asText());
            }
            node.elements().forEachRemaining(child -> collectRefs(child, missing));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collectRefs(child, missing));
        }
    }
}
