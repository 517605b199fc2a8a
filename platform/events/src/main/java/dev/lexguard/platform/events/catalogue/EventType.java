package dev.lexguard.platform.events.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import java.net.URI;

/**
 * One entry of the catalogue: an event type and the JSON Schema its {@code data} must match. {@code schema} is the
 * published one (properties it does not declare are allowed: later minor versions add them); {@code strictSchema} is
 * LexGuard's own copy that refuses them ({@link JsonSchemas#strict}), what producers are held to.
 */
public record EventType(String name, URI schemaId, String resource, JsonNode schemaNode, JsonSchema schema, JsonSchema strictSchema) {
}
