package dev.lexguard.gateway.revocation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.gateway.config.GatewayConfig;
import dev.lexguard.platform.events.consumer.TopicOwners;
import dev.lexguard.platform.events.envelope.CloudEvent;
import dev.lexguard.platform.events.envelope.CloudEventCodec;
import dev.lexguard.platform.events.envelope.MalformedEventException;
import io.micrometer.core.instrument.Metrics;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows sessions-service's and identity-service's event topics into the {@link RevocationList}.
 *
 * <p>Every gateway replica must see every revocation, so there is no consumer group: the follower assigns
 * itself all partitions. At start-up it reads from the offsets of {@code now - token-lifetime - margin}
 * ({@code offsetsForTimes}): an older revocation cannot refuse any token that is still alive, because no
 * token lives longer than the lifetime and identity-service issues none for an ended session. Until it has
 * read up to the end offsets it found at start-up, the gateway is not ready (readiness probe), so a
 * restarted gateway forgets nothing before it takes traffic.
 */
@ApplicationScoped
public class RevocationFollower {

    static final String SESSION_REVOKED = "dev.lexguard.sessions.session.revoked";
    static final String WATERMARK_RAISED = "dev.lexguard.sessions.watermark.raised";
    static final String SESSION_ENDED = "dev.lexguard.identity.session.ended";
    static final String PORTAL_SESSION_ENDED = "dev.lexguard.identity.portal.sessionEnded";
    private static final Duration TOPIC_RECHECK = Duration.ofSeconds(1);

    private final RevocationList revocations;
    private final GatewayConfig config;
    private final List<String> topics;
    private final Map<String, Object> kafka;
    private final Clock clock;
    private volatile boolean running;
    private volatile boolean caughtUp;
    private volatile long lastPollMillis = System.currentTimeMillis();
    private volatile Thread thread;
    private KafkaConsumer<String, byte[]> consumer;

    @Inject
    public RevocationFollower(RevocationList revocations, GatewayConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this(revocations, config, kafka,
                List.of(config.revocation().sessionsTopic(), config.revocation().identityTopic()));
    }

    RevocationFollower(RevocationList revocations, GatewayConfig config, Map<String, Object> kafka, List<String> topics) {
        this.revocations = revocations;
        this.config = config;
        this.kafka = Map.copyOf(kafka);
        this.topics = List.copyOf(topics);
        this.clock = Clock.systemUTC();
    }

    void start(@Observes StartupEvent event) {
        running = true;
        Thread t = new Thread(this::run, "lexguard-revocation-follower");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Seconds since the last successful poll: grows while the broker is unreachable. */
    public double pollAgeSeconds() {
        return (System.currentTimeMillis() - lastPollMillis) / 1000.0;
    }

    /** True once everything published before start-up (within the look-back) has been applied. */
    public boolean caughtUp() {
        return caughtUp;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(properties())) {
                consumer = c;
                follow(c);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                Log.warnf("Revocation follower failed, reconnecting: %s", e.toString());
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    private void follow(KafkaConsumer<String, byte[]> c) {
        Set<String> assignedTopics = new HashSet<>();
        Map<TopicPartition, Long> catchUpTargets = new HashMap<>();
        Instant lookBack = clock.instant()
                .minus(config.revocation().tokenLifetime())
                .minus(config.revocation().startupMargin());
        boolean firstAssignment = true;
        long lastTopicCheck = 0;
        Duration poll = config.revocation().pollInterval();
        while (running) {
            if (assignedTopics.size() < topics.size()
                    && System.currentTimeMillis() - lastTopicCheck >= TOPIC_RECHECK.toMillis()) {
                lastTopicCheck = System.currentTimeMillis();
                List<TopicPartition> added = new ArrayList<>();
                for (String topic : topics) {
                    if (assignedTopics.contains(topic)) {
                        continue;
                    }
                    List<PartitionInfo> partitions = c.partitionsFor(topic, Duration.ofSeconds(5));
                    if (partitions == null || partitions.isEmpty()) {
                        continue;
                    }
                    assignedTopics.add(topic);
                    partitions.forEach(p -> added.add(new TopicPartition(p.topic(), p.partition())));
                }
                if (!added.isEmpty()) {
                    List<TopicPartition> all = new ArrayList<>(c.assignment());
                    all.addAll(added);
                    c.assign(all);
                    // a topic that appears after start-up is new: all of it is recent
                    seek(c, added, firstAssignment ? lookBack : Instant.EPOCH);
                    if (firstAssignment) {
                        c.endOffsets(added).forEach((tp, end) -> {
                            if (end > c.position(tp)) {
                                catchUpTargets.put(tp, end);
                            }
                        });
                    }
                }
                if (firstAssignment) {
                    // a topic that does not exist yet holds no revocation
                    firstAssignment = false;
                }
            }
            if (!caughtUp && !firstAssignment) {
                catchUpTargets.entrySet().removeIf(target -> c.position(target.getKey()) >= target.getValue());
                if (catchUpTargets.isEmpty()) {
                    caughtUp = true;
                    Log.infof("Revocations loaded: %d entries (look-back from %s)", revocations.size(), lookBack);
                }
            }
            if (c.assignment().isEmpty()) {
                // None of the topics exists yet (a new cluster): nothing can be revoked; look again shortly.
                sleep(poll);
            } else {
                for (ConsumerRecord<String, byte[]> record : c.poll(poll)) {
                    apply(record);
                }
            }
            lastPollMillis = System.currentTimeMillis();
            revocations.prune();
        }
    }

    private static void seek(KafkaConsumer<String, byte[]> c, List<TopicPartition> partitions, Instant from) {
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(tp -> times.put(tp, from.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> offsets = c.offsetsForTimes(times);
        Map<TopicPartition, Long> ends = c.endOffsets(partitions);
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp offset = offsets.get(tp);
            c.seek(tp, offset != null ? offset.offset() : ends.get(tp));
        }
    }

    void apply(ConsumerRecord<String, byte[]> record) {
        CloudEvent event;
        try {
            event = CloudEventCodec.read(record.value());
        } catch (MalformedEventException e) {
            Log.warnf("Skipping a malformed record at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        Optional<String> foreign = TopicOwners.violation(record.topic(), event);
        if (foreign.isPresent()) {
            // only sessions-service may revoke and only identity-service may end a session: a forged revocation
            // would let whoever holds another principal's credentials sign anyone out
            Log.warnf("Ignoring a record at %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), foreign.get());
            Metrics.counter("lexguard.events.consumer.foreign", "consumer", "gateway-revocations", "topic", record.topic())
                    .increment();
            return;
        }
        try {
            apply(event);
        } catch (RuntimeException e) {
            Log.warnf("Skipping event %s (%s): %s", event.id(), event.type(), e.getMessage());
        }
    }

    void apply(CloudEvent event) {
        JsonNode data = event.data();
        switch (event.type()) {
            case SESSION_REVOKED -> revocations.sessionEnded(UUID.fromString(data.path("sessionId").asText()),
                    instant(data.path("revokedAt"), event.time()));
            // a contact's portal session (logout, a refresh token used twice, the account disabled) ends the same way
            case SESSION_ENDED, PORTAL_SESSION_ENDED -> revocations.sessionEnded(UUID.fromString(data.path("sessionId").asText()),
                    event.time());
            case WATERMARK_RAISED -> {
                Instant before = instant(data.path("revokedBefore"), event.time());
                UUID except = optionalUuid(data.path("exceptSessionId"));
                if ("firm".equals(data.path("scope").asText())) {
                    revocations.firmWatermark(event.firmId(), before, except);
                } else {
                    revocations.userWatermark(event.firmId(), UUID.fromString(data.path("userId").asText()),
                            before, except);
                }
            }
            default -> {
                // other events on these topics do not revoke anything
            }
        }
    }

    private static Instant instant(JsonNode value, Instant fallback) {
        if (!value.isTextual()) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(value.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }

    private static UUID optionalUuid(JsonNode value) {
        return value.isTextual() ? UUID.fromString(value.asText()) : null;
    }

    private Properties properties() {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "lexguard-gateway-revocations");
        return p;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
