package dev.lexguard.platform.events.envelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import dev.lexguard.platform.events.catalogue.JsonSchemas;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * Writes and reads the structured-mode JSON form of a {@link CloudEvent}. Reading checks the envelope
 * against {@code META-INF/lexguard/envelope/cloudevent.schema.json}; it does not check {@code data}
 * against the event type's schema (that is the catalogue's job).
 */
public final class CloudEventCodec {

    public static final String ENVELOPE_SCHEMA_RESOURCE = "META-INF/lexguard/envelope/cloudevent.schema.json";
    /** The CloudEvents distributed-tracing extension's attributes, in W3C Trace Context format. */
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    public static final String REQUEST_ID = "requestid";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchema ENVELOPE_SCHEMA = loadEnvelopeSchema();

    private CloudEventCodec() {
    }

    public static String write(CloudEvent event) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("specversion", CloudEvent.SPEC_VERSION);
        json.put("id", event.id().toString());
        json.put("source", event.source());
        json.put("type", event.type());
        json.put("time", event.time().toString());
        json.put("subject", event.subject());
        json.put("datacontenttype", CloudEvent.DATA_CONTENT_TYPE);
        json.put("dataschema", event.dataSchema().toString());
        json.put("firmid", event.firmId().toString());
        json.put("actorid", event.actorId());
        json.put("actortype", event.actorType().wireName());
        if (event.matterId() != null) {
            json.put("matterid", event.matterId().toString());
        }
        putIfPresent(json, TRACEPARENT, event.traceparent());
        putIfPresent(json, TRACESTATE, event.tracestate());
        putIfPresent(json, REQUEST_ID, event.requestId());
        json.set("data", event.data());
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise event " + event.id(), e);
        }
    }

    public static CloudEvent read(byte[] utf8) {
        if (utf8 == null) {
            throw new MalformedEventException("record has no value");
        }
        return read(new String(utf8, StandardCharsets.UTF_8));
    }

    public static CloudEvent read(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException("record has no value");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new MalformedEventException("a CloudEvent must be a JSON object");
        }
        Set<ValidationMessage> errors = ENVELOPE_SCHEMA.validate(node);
        if (!errors.isEmpty()) {
            throw new MalformedEventException("invalid CloudEvent envelope: " + JsonSchemas.describe(errors));
        }
        JsonNode matter = node.get("matterid");
        return new CloudEvent(
                UUID.fromString(node.get("id").asText()),
                node.get("source").asText(),
                node.get("type").asText(),
                OffsetDateTime.parse(node.get("time").asText()).toInstant(),
                node.get("subject").asText(),
                URI.create(node.get("dataschema").asText()),
                UUID.fromString(node.get("firmid").asText()),
                node.get("actorid").asText(),
                ActorType.fromWireName(node.get("actortype").asText()).orElseThrow(),
                matter == null ? null : UUID.fromString(matter.asText()),
                node.get("data"),
                text(node, TRACEPARENT),
                text(node, TRACESTATE),
                text(node, REQUEST_ID));
    }

    private static void putIfPresent(ObjectNode json, String name, String value) {
        if (value != null) {
            json.put(name, value);
        }
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null ? null : value.asText();
    }

    private static JsonSchema loadEnvelopeSchema() {
        URL resource = CloudEventCodec.class.getClassLoader().getResource(ENVELOPE_SCHEMA_RESOURCE);
        if (resource == null) {
            throw new IllegalStateException("missing " + ENVELOPE_SCHEMA_RESOURCE);
        }
        return JsonSchemas.compile(JsonSchemas.read(resource));
    }
}
