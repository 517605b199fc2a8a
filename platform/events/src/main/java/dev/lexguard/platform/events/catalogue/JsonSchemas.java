package dev.lexguard.platform.events.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.stream.Collectors;

/** Compiles the catalogue's JSON Schemas (draft 2020-12) with format assertions switched on. */
public final class JsonSchemas {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    // Format keywords are annotations only in 2020-12 unless asserted; a "uuid" that is not one must fail.
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    private JsonSchemas() {
    }

    public static JsonSchema compile(JsonNode schemaNode) {
        JsonSchema schema = FACTORY.getSchema(schemaNode, CONFIG);
        schema.initializeValidators();
        return schema;
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
