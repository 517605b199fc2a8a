package dev.lexguard.permissions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.devstack.KafkaTestClients;
import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.envelope.CloudEvent;
import dev.lexguard.platform.events.envelope.CloudEventCodec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes identity-service's events onto lexguard.identity.events exactly as identity does (CloudEvents
 * envelope, key = firm id), so the projection is tested through the real broker.
 */
public final class IdentityEventsProducer {

    public static final String TOPIC = "lexguard.identity.events";
    private static final ObjectMapper JSON = new ObjectMapper();

    private IdentityEventsProducer() {
    }


    public static CloudEvent event(String type, UUID firmId, String subject, UUID actorId, Map<String, Object> data) {
        JsonNode json = JSON.valueToTree(data);
        return new CloudEvent(UUID.randomUUID(), "/identity-service", type, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                subject, URI.create("https://schemas.lexguard.dev/events/" + type + "/1.0.json"), firmId,
                actorId.toString(), ActorType.USER, null, json);
    }

    public static void send(CloudEvent event) {
        sendRaw(event.firmId().toString(), CloudEventCodec.write(event));
    }

    public static void sendRaw(String key, String value) {
        sendRaw(TOPIC, key, value);
    }

    /** Publishes onto any topic, e.g. lexguard.activity.events where the practice-management core publishes. */
    public static void send(String topic, CloudEvent event) {
        sendRaw(topic, event.firmId().toString(), CloudEventCodec.write(event));
    }

    private static void sendRaw(String topic, String key, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        record.headers().add(CloudEvent.CONTENT_TYPE_HEADER, CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        try {
            KafkaTestClients.producerFor(record.topic()).send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    public static CloudEvent firmCreated(UUID firmId, UUID ownerId) {
        return event("dev.lexguard.identity.firm.created", firmId, firmId.toString(), ownerId,
                Map.of("firmId", firmId.toString(), "name", "Firm " + firmId, "ownerId", ownerId.toString()));
    }

    public static CloudEvent userCreated(UUID firmId, UUID userId, String displayName, boolean owner, UUID actor) {
        return event("dev.lexguard.identity.user.created", firmId, userId.toString(), actor,
                Map.of("userId", userId.toString(), "email", userId + "@firm.example", "displayName", displayName,
                        "status", owner ? "active" : "invited", "owner", owner));
    }

    public static CloudEvent userActivated(UUID firmId, UUID userId) {
        return event("dev.lexguard.identity.user.activated", firmId, userId.toString(), userId,
                Map.of("userId", userId.toString(), "invitationId", UUID.randomUUID().toString()));
    }

    public static CloudEvent userDeactivated(UUID firmId, UUID userId, UUID actor) {
        return event("dev.lexguard.identity.user.deactivated", firmId, userId.toString(), actor,
                Map.of("userId", userId.toString(), "sessionsEnded", 0));
    }
}
