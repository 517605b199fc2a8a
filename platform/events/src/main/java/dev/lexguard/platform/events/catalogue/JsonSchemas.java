package dev.lexguard.platform.events.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** Compiles the catalogue's JSON Schemas (draft 2020-12) with format assertions switched on. */
public final class JsonSchemas {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    // Format keywords are annotations only in 2020-12 unless asserted; a "uuid" that is not one must fail.
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();
    // where draft 2020-12 keeps subschemas: one, an array of them, or a map of them
    private static final List<String> SUBSCHEMA = List.of("items", "contains", "not", "if", "then", "else",
            "additionalProperties", "unevaluatedItems", "unevaluatedProperties", "propertyNames");
    private static final List<String> SUBSCHEMA_ARRAYS = List.of("allOf", "anyOf", "oneOf", "prefixItems");
    private static final List<String> SUBSCHEMA_MAPS = List.of("properties", "patternProperties", "$defs", "definitions",
            "dependentSchemas");

    private JsonSchemas() {
    }

    public static JsonSchema compile(JsonNode schemaNode) {
        JsonSchema schema = FACTORY.getSchema(schemaNode, CONFIG);
        schema.initializeValidators();
        return schema;
    }

    /**
     * LexGuard's own, strict reading of a published schema: a copy in which every object schema that lists
     * {@code properties} (at any depth) also says {@code "additionalProperties": false}. The published schemas leave
     * that out, so integrators' validators accept the properties a later minor version adds; LexGuard's producers are
     * checked against this copy, so an undocumented property fails their tests (and is never published).
     */
    public static JsonNode strict(JsonNode schemaNode) {
        JsonNode copy = schemaNode.deepCopy();
        close(copy);
        return copy;
    }

    private static void close(JsonNode schema) {
        if (!(schema instanceof ObjectNode object)) {
            return;
        }
        for (String keyword : SUBSCHEMA) {
            close(object.get(keyword));
        }
        for (String keyword : SUBSCHEMA_ARRAYS) {
            object.path(keyword).forEach(JsonSchemas::close);
        }
        for (String keyword : SUBSCHEMA_MAPS) {
            object.path(keyword).forEach(JsonSchemas::close);
        }
        if (object.path("properties").isObject() && !object.has("additionalProperties")) {
            object.put("additionalProperties", false);
        }
    }

    public static JsonNode read(URL resource) {
        try (InputStream in = resource.openStream()) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JSON resource " + resource, e);
        }
    }

    /** Stable, human-readable summary of validation messages, e.g. for a dead-letter reason. */
    public static String describe(Collection<ValidationMessage> messages) {
        return messages.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; "));
    }
}
