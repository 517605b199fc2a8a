package dev.lexguard.platform.events.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import java.net.URI;

/** One entry of the catalogue: an event type and the JSON Schema its {@code data} must match. */
public record EventType(String name, URI schemaId, String resource, JsonNode schemaNode, JsonSchema schema) {
}
