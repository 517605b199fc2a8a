package dev.lexguard.gateway.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.envelope.CloudEvent;
import dev.lexguard.platform.events.envelope.CloudEventCodec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Publishes events as sessions-service and identity-service do: CloudEvents envelope, key = firm id. */
public final class EventPublisher implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final KafkaProducer<String, String> producer;

    public EventPublisher() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p);
    }

    /** Sends and waits for the broker's ack; returns the moment the ack arrived. */
    public Instant publish(String topic, String type, UUID firm, String subject, Map<String, Object> data) {
        String service = type.split("\\.")[2];
        CloudEvent event = new CloudEvent(UUID.randomUUID(), "/" + service + "-service", type, Instant.now(), subject,
                URI.create("https://schemas.lexguard.dev/events/" + type + "/1.0.json"), firm, "system",
                ActorType.SYSTEM, null, JSON.valueToTree(data));
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, firm.toString(), CloudEventCodec.write(event));
        record.headers().add(CloudEvent.CONTENT_TYPE_HEADER, CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish " + type, e);
        }
        return Instant.now();
    }

    /** A raw record (for malformed-input tests). */
    public void publishRaw(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
