package dev.lexguard.gateway.activity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lexguard.gateway.config.GatewayConfig;
import dev.lexguard.gateway.tokens.VerifiedToken;
import dev.lexguard.platform.events.catalogue.EventCatalogue;
import dev.lexguard.platform.events.catalogue.EventValidator;
import dev.lexguard.platform.events.catalogue.InvalidEventException;
import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.envelope.CloudEvent;
import dev.lexguard.platform.events.envelope.CloudEventCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Tells sessions-service that a session is in use: at most one {@code dev.lexguard.gateway.session.active}
 * per session per interval, with the time and the client IP.
 *
 * <p>The gateway has no database, so there is no outbox: events go straight to Kafka with an idempotent
 * producer. Losing one (broker down longer than the delivery timeout) costs only a "last seen" update; the
 * next request after the interval sends another. Sending happens on one background thread, never on an
 * event loop (a producer may block while it fetches metadata).
 */
@ApplicationScoped
public class ActivityReporter {

    public static final String TYPE = "dev.lexguard.gateway.session.active";
    private static final URI SCHEMA = URI.create("https://schemas.lexguard.dev/events/" + TYPE + "/1.0.json");
    private static final String SOURCE = "/gateway";
    private static final int MAX_CLIENT_IP = 64;
    private static final int MAX_USER_AGENT = 512;

    private final ObjectMapper json = new ObjectMapper();
    private final Map<UUID, Long> lastReported = new ConcurrentHashMap<>();
    private final GatewayConfig.Activity config;
    private final Map<String, Object> kafka;
    private final Counter published;
    private final Counter failed;
    private final Counter dropped;
    private final long intervalMillis;
    private final EventValidator validator = new EventValidator(EventCatalogue.fromClasspath());
    private KafkaProducer<String, String> producer;
    private ThreadPoolExecutor sender;

    public ActivityReporter(GatewayConfig config, MeterRegistry registry,
            @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.config = config.activity();
        this.kafka = Map.copyOf(kafka);
        this.intervalMillis = this.config.interval().toMillis();
        this.published = registry.counter("lexguard_gateway_activity_events_total", "outcome", "published");
        this.failed = registry.counter("lexguard_gateway_activity_events_total", "outcome", "failed");
        this.dropped = registry.counter("lexguard_gateway_activity_events_total", "outcome", "dropped");
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        Properties p = new Properties();
        p.putAll(kafka);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "lexguard-gateway-activity");
        producer = new KafkaProducer<>(p);
        sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(10_000),
                r -> {
                    Thread t = new Thread(r, "lexguard-activity-sender");
                    t.setDaemon(true);
                    return t;
                });
    }

    void stop(@Observes ShutdownEvent event) {
        if (sender != null) {
            sender.shutdown();
            try {
                sender.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Called for every authenticated request; cheap when the session was reported recently. */
    public void seen(VerifiedToken token, String clientIp, String userAgent) {
        if (sender == null) {
            return;
        }
        long now = System.currentTimeMillis();
        Long previous = lastReported.get(token.sessionId());
        if (previous != null && now - previous < intervalMillis) {
            return;
        }
        boolean mine = previous == null
                ? lastReported.putIfAbsent(token.sessionId(), now) == null
                : lastReported.replace(token.sessionId(), previous, now);
        if (!mine) {
            return;
        }
        if (lastReported.size() > 100_000) {
            lastReported.values().removeIf(at -> now - at >= intervalMillis);
        }
        try {
            sender.execute(() -> publish(token, clientIp, userAgent, Instant.ofEpochMilli(now)));
        } catch (RejectedExecutionException e) {
            dropped.increment();
        }
    }

    private void publish(VerifiedToken token, String clientIp, String userAgent, Instant seenAt) {
        ObjectNode data = json.createObjectNode();
        data.put("sessionId", token.sessionId().toString());
        data.put("userId", token.subject().toString());
        data.put("actorType", token.portal() ? "contact" : "user");
        data.put("clientIp", truncate(clientIp, MAX_CLIENT_IP));
        if (userAgent != null) {
            data.put("userAgent", truncate(userAgent, MAX_USER_AGENT));
        }
        data.put("seenAt", seenAt.toString());
        try {
            // the same check the outbox applies: the catalogue's schema, no secret-like properties
            validator.checkForPublish(TYPE, data);
        } catch (InvalidEventException e) {
            failed.increment();
            Log.warnf("Activity event refused by the catalogue: %s", e.getMessage());
            return;
        }
        CloudEvent event = new CloudEvent(UUID.randomUUID(), SOURCE, TYPE, seenAt, token.sessionId().toString(),
                SCHEMA, token.firmId(), token.subject().toString(), token.portal() ? ActorType.CONTACT : ActorType.USER,
                null, data);
        ProducerRecord<String, String> record = new ProducerRecord<>(config.topic(), token.firmId().toString(),
                CloudEventCodec.write(event));
        record.headers().add(CloudEvent.CONTENT_TYPE_HEADER, CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record, (metadata, failure) -> {
                if (failure == null) {
                    published.increment();
                } else {
                    failed.increment();
                    Log.warnf("Activity event for a session was not published: %s", failure.toString());
                }
            });
        } catch (RuntimeException e) {
            failed.increment();
            Log.warnf("Activity event for a session was not published: %s", e.toString());
        }
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
