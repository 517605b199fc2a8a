package dev.lexguard.identity;

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
 * Publishes other services' events (sessions-service, permissions-service) onto their topics exactly as they do:
 * CloudEvents envelope, key = firm id. The consumers are tested through the real broker.
 */
public final class EventsProducer {

    public static final String SESSIONS_TOPIC = "lexguard.sessions.events";
    public static final String PERMISSIONS_TOPIC = "lexguard.permissions.events";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventsProducer() {
    }


    /** Publishes one event of {@code source} (e.g. sessions-service) for the firm; returns its id. */
    public static UUID publish(String topic, String source, String type, String firmId, String subject, String actorId,
            Map<String, Object> data) {
        return publishWithId(UUID.randomUUID(), topic, source, type, firmId, subject, actorId, data);
    }

    /** Publishes an event with a given id: a second call with the same id is what a redelivery looks like. */
    public static UUID publishWithId(UUID id, String topic, String source, String type, String firmId, String subject,
            String actorId, Map<String, Object> data) {
        CloudEvent event = new CloudEvent(id, "/" + source, type, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                subject, URI.create("https://schemas.lexguard.dev/events/" + type + "/1.0.json"), UUID.fromString(firmId),
                actorId, ActorType.USER, null, JSON.valueToTree(data));
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, firmId, CloudEventCodec.write(event));
        record.headers().add(CloudEvent.CONTENT_TYPE_HEADER, CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        try {
            KafkaTestClients.producerFor(record.topic()).send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
        return event.id();
    }

    public static UUID sessions(String type, String firmId, String subject, String actorId, Map<String, Object> data) {
        return publish(SESSIONS_TOPIC, "sessions-service", "dev.lexguard.sessions." + type, firmId, subject, actorId, data);
    }

    public static UUID permissions(String type, String firmId, String subject, String actorId, Map<String, Object> data) {
        return publish(PERMISSIONS_TOPIC, "permissions-service", "dev.lexguard.permissions." + type, firmId, subject,
                actorId, data);
    }

    /** Whether the consumer has committed the event's effect. */
    public static boolean consumed(String consumer, UUID eventId) {
        return !Db.rows("select 1 from lexguard_consumed_event where consumer = ? and event_id = ?", consumer, eventId)
                .isEmpty();
    }
}
