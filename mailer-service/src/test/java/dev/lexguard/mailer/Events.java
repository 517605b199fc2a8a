package dev.lexguard.mailer;

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
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Puts events on the topics as their producers would (signed in as each topic's writer). */
final class Events {

    static final String IDENTITY = "lexguard.identity.events";
    static final String SESSIONS = "lexguard.sessions.events";
    static final String SHARING = "lexguard.sharing.events";
    static final String FEED = "lexguard.feed.events";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Events() {
    }

    static CloudEvent event(String service, String type, UUID firmId, String subject, String actorId, Map<String, Object> data) {
        return new CloudEvent(UUID.randomUUID(), "/" + service, type, Instant.now().truncatedTo(ChronoUnit.MILLIS), subject,
                URI.create("https://schemas.lexguard.dev/events/" + type + "/1.0.json"), firmId, actorId == null ? service : actorId,
                actorId == null ? ActorType.SYSTEM : ActorType.USER, null, JSON.valueToTree(data));
    }

    static void send(String topic, CloudEvent event) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, event.firmId().toString(), CloudEventCodec.write(event));
        record.headers().add(CloudEvent.CONTENT_TYPE_HEADER, CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        KafkaTestClients.producerFor(topic).send(record).get(10, TimeUnit.SECONDS);
    }

    /** identity's firm.created and user.created: the firm's name and a person's address, as the mailer learns them. */
    static void firmWithUser(UUID firmId, String firmName, UUID userId, String email, String displayName) throws Exception {
        send(IDENTITY, event("identity-service", "dev.lexguard.identity.firm.created", firmId, firmId.toString(),
                userId.toString(), Map.of("firmId", firmId.toString(), "name", firmName, "ownerId", userId.toString())));
        send(IDENTITY, event("identity-service", "dev.lexguard.identity.user.created", firmId, userId.toString(),
                userId.toString(), Map.of("userId", userId.toString(), "email", email, "displayName", displayName,
                        "status", "active", "owner", true)));
    }
}
