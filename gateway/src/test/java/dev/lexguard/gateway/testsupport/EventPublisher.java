package dev.lexguard.gateway.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.devstack.KafkaTestClients;
import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.envelope.CloudEvent;
import dev.lexguard.platform.events.envelope.CloudEventCodec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Publishes events as sessions-service and identity-service do: CloudEvents envelope, key = firm id. */
public final class EventPublisher implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Sends and waits for the broker's ack; returns the moment the ack arrived. */
    public Instant publish(String topic, String type, UUID firm, String subject, Map<String, Object> data) {
        return publishAs("/" + type.split("\\.")[2] + "-service", topic, type, firm, subject, data);
    }

    /** Sends an event claiming {@code source}, whoever may write {@code topic} (to forge one). */
    public Instant publishAs(String source, String topic, String type, UUID firm, String subject, Map<String, Object> data) {
        CloudEvent event = new CloudEvent(UUID.randomUUID(), source, type, Instant.now(), subject,
                URI.create("https://schemas.lexguard.dev/events/" + type + "/1.0.json"), firm, "system",
                ActorType.SYSTEM, null, JSON.valueToTree(data));
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, firm.toString(), CloudEventCodec.write(event));
        record.headers().add(CloudEvent.CONTENT_TYPE_HEADER, CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        try {
            KafkaTestClients.producerFor(topic).send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish " + type, e);
        }
        return Instant.now();
    }

    /** A raw record (for malformed-input tests). */
    public void publishRaw(String topic, String key, String value) {
        try {
            KafkaTestClients.producerFor(topic).send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        // the producers are the test JVM's, shared with every other publisher
    }
}
