package dev.lexguard.platform.events.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import dev.lexguard.platform.events.envelope.CloudEvent;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks event data against the catalogue: strictly when producing (the schema's strict copy: no property it does not
 * declare), by the published schema when consuming (which allows the properties a newer producer may add).
 */
public final class EventValidator {

    private final EventCatalogue catalogue;

    public EventValidator(EventCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /**
     * Producing: the type must be in the catalogue, the data must match its schema's strict copy (every declared
     * property as declared, and no other) and no property may be named like a secret.
     */
    public EventType checkForPublish(String type, JsonNode data) {
        EventType eventType = catalogue.find(type).orElseThrow(() -> new InvalidEventException(
                "unknown event type " + type + ": add its schema to platform/events"));
        List<String> secrets = SecretProperties.find(data);
        if (!secrets.isEmpty()) {
            throw new InvalidEventException("events never carry secrets, but " + type + " data has " + String.join(", ", secrets));
        }
        Set<ValidationMessage> errors = eventType.strictSchema().validate(data);
        if (!errors.isEmpty()) {
            throw new InvalidEventException("data of " + type + " does not match " + eventType.schemaId() + ": "
                    + JsonSchemas.describe(errors));
        }
        return eventType;
    }

    /**
     * Consuming: a type this catalogue does not know passes (a newer producer may know it); a known
     * type must match its published schema, which tolerates properties it does not declare, because a
     * producer built with a newer, additively changed schema may send them.
     *
     * @return the violation, if any
     */
    public Optional<String> violationOnConsume(CloudEvent event) {
        Optional<EventType> eventType = catalogue.find(event.type());
        if (eventType.isEmpty()) {
            return Optional.empty();
        }
        Set<ValidationMessage> errors = eventType.get().schema().validate(event.data());
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("data of " + event.type() + " does not match " + eventType.get().schemaId() + ": "
                + JsonSchemas.describe(errors));
    }
}
