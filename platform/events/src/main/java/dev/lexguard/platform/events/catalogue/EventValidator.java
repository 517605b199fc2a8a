package dev.lexguard.platform.events.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import dev.lexguard.platform.events.envelope.CloudEvent;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Checks event data against the catalogue: strictly when producing, tolerantly when consuming. */
public final class EventValidator {

    private final EventCatalogue catalogue;

    public EventValidator(EventCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /**
     * Producing: the type must be in the catalogue, the data must match its schema exactly and no
     * property may be named like a secret.
     */
    public EventType checkForPublish(String type, JsonNode data) {
        EventType eventType = catalogue.find(type).orElseThrow(() -> new InvalidEventException(
                "unknown event type " + type + ": add its schema to platform/events"));
        List<String> secrets = SecretProperties.find(data);
        if (!secrets.isEmpty()) {
            throw new InvalidEventException("events never carry secrets, but " + type + " data has " + String.join(", ", secrets));
        }
        Set<ValidationMessage> errors = eventType.schema().validate(data);
        if (!errors.isEmpty()) {
            throw new InvalidEventException("data of " + type + " does not match " + eventType.schemaId() + ": "
                    + JsonSchemas.describe(errors));
        }
        return eventType;
    }

    /**
     * Consuming: a type this catalogue does not know passes (a newer producer may know it); a known
     * type must match its schema. Properties the schema does not declare are tolerated, because a
     * producer built with a newer, additively changed schema may send them.
     *
     * @return the violation, if any
     */
    public Optional<String> violationOnConsume(CloudEvent event) {
        Optional<EventType> eventType = catalogue.find(event.type());
        if (eventType.isEmpty()) {
            return Optional.empty();
        }
        Set<ValidationMessage> errors = eventType.get().schema().validate(event.data()).stream()
                .filter(message -> !"additionalProperties".equals(message.getType()))
                .collect(Collectors.toSet());
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("data of " + event.type() + " does not match " + eventType.get().schemaId() + ": "
                + JsonSchemas.describe(errors));
    }
}
