package dev.lexguard.platform.events.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.envelope.CloudEvent;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventValidatorTest {

    private static final String TYPE = "dev.lexguard.test.widget.created";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventValidator validator = new EventValidator(EventCatalogue.fromClasspath());

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static CloudEvent event(String type, JsonNode data) {
        return new CloudEvent(UUID.randomUUID(), "/test-service", type, Instant.now(), "w-1",
                URI.create("https://schemas.lexguard.dev/events/" + type + "/1.0.json"), UUID.randomUUID(), "user-1",
                ActorType.USER, null, data);
    }

    @Test
    void validDataPasses() throws Exception {
        EventType type = validator.checkForPublish(TYPE, json("""
                {"widgetId": "6f1c2c1e-0d7d-4c59-8f55-1f1b0e5f7a01", "name": "w", "sequence": 3,
                 "labels": [{"key": "colour", "value": "blue"}]}"""));
        assertThat(type.schemaId()).hasToString("https://schemas.lexguard.dev/events/dev.lexguard.test.widget.created/1.0.json");
    }

    @Test
    void dataThatDoesNotMatchTheSchemaIsRefusedOnPublish() {
        assertThatThrownBy(() -> validator.checkForPublish(TYPE, json("{\"widgetId\": \"nope\", \"name\": \"w\"}")))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("does not match https://schemas.lexguard.dev/events/dev.lexguard.test.widget.created/1.0.json")
                .hasMessageContaining("sequence")
                .hasMessageContaining("uuid");
        assertThatThrownBy(() -> validator.checkForPublish(TYPE, json("""
                {"widgetId": "6f1c2c1e-0d7d-4c59-8f55-1f1b0e5f7a01", "name": "w", "sequence": 1, "colour": "red"}""")))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("colour");
    }

    @Test
    void anAddedPropertyPassesThePublishedSchemaAndFailsTheStrictCopyAtAnyDepth() throws Exception {
        JsonNode topLevel = json("{\"matterId\": \"6f1c2c1e-0d7d-4c59-8f55-1f1b0e5f7a01\", \"closedBy\": \"someone\"}");
        JsonNode nested = json("""
                {"widgetId": "6f1c2c1e-0d7d-4c59-8f55-1f1b0e5f7a01", "name": "w", "sequence": 1,
                 "labels": [{"key": "colour", "addedLater": true}]}""");
        for (var example : List.of(Map.entry("dev.lexguard.activity.matter.closed", topLevel), Map.entry(TYPE, nested))) {
            EventType type = EventCatalogue.fromClasspath().find(example.getKey()).orElseThrow();
            // an integrator: the published file as it is, read by a standard draft 2020-12 validator
            JsonSchema published = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(getClass().getClassLoader().getResourceAsStream(type.resource()));
            assertThat(published.validate(example.getValue())).as(example.getKey()).isEmpty();
            assertThat(type.schema().validate(example.getValue())).as(example.getKey()).isEmpty();
            assertThat(type.strictSchema().validate(example.getValue())).as(example.getKey())
                    .extracting(ValidationMessage::getType).containsExactly("additionalProperties");
            assertThatThrownBy(() -> validator.checkForPublish(example.getKey(), example.getValue()))
                    .isInstanceOf(InvalidEventException.class)
                    .hasMessageContaining(example.getKey().equals(TYPE) ? "addedLater" : "closedBy");
        }
    }

    @Test
    void unknownTypeIsRefusedOnPublish() {
        assertThatThrownBy(() -> validator.checkForPublish("dev.lexguard.test.gadget.made", json("{}")))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("unknown event type dev.lexguard.test.gadget.made");
    }

    @Test
    void secretsAreRefusedOnPublishAtAnyDepth() {
        assertThatThrownBy(() -> validator.checkForPublish(TYPE, json("""
                {"widgetId": "6f1c2c1e-0d7d-4c59-8f55-1f1b0e5f7a01", "name": "w", "sequence": 1,
                 "labels": [{"key": "k", "value": "v", "recoveryCode": "abcd-efgh"}]}""")))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("never carry secrets")
                .hasMessageContaining("/labels/0/recoveryCode");
    }

    @Test
    void onConsumeUnknownTypesPassAndAddedPropertiesAreTolerated() throws Exception {
        assertThat(validator.violationOnConsume(event("dev.lexguard.activity.matter.edited", json("{\"any\": 1}")))).isEmpty();
        assertThat(validator.violationOnConsume(event(TYPE, json("""
                {"widgetId": "6f1c2c1e-0d7d-4c59-8f55-1f1b0e5f7a01", "name": "w", "sequence": 1, "addedLater": true}"""))))
                .isEmpty();
    }

    @Test
    void onConsumeAKnownTypeThatFailsItsSchemaIsAViolation() throws Exception {
        assertThat(validator.violationOnConsume(event(TYPE, json("{\"widgetId\": \"nope\", \"name\": \"w\", \"sequence\": -1}"))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("widgetId").contains("sequence"));
    }
}
