package dev.lexguard.feed.revocation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.feed.FeedConfig;
import dev.lexguard.platform.events.consumer.TopicOwners;
import dev.lexguard.platform.events.envelope.CloudEvent;
import dev.lexguard.platform.events.envelope.CloudEventCodec;
import dev.lexguard.platform.events.envelope.MalformedEventException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Ended sessions, as sessions-service ({@code session.revoked}, {@code watermark.raised}) and identity-service
 * ({@code session.ended}, {@code portal.sessionEnded}) publish them, so that a live stream ends within a second of its
 * session's end rather than at its token's expiry. The gateway learns the same events the same way.
 *
 * <p>Every instance must see every revocation (a stream is on one instance), so there is no consumer group: the
 * follower assigns itself every partition of both topics (no group ACL needed: feed-service already reads both) and
 * starts {@code lexguard.feed.stream.revocation-look-back} back, so a session ended shortly before start-up still
 * cannot open a stream. Only events whose producer owns the topic count ({@link TopicOwners}).
 */
@ApplicationScoped
public class SessionRevocations {

    static final String SESSION_REVOKED = "dev.lexguard.sessions.session.revoked";
    static final String WATERMARK_RAISED = "dev.lexguard.sessions.watermark.raised";
    static final String SESSION_ENDED = "dev.lexguard.identity.session.ended";
    static final String PORTAL_SESSION_ENDED = "dev.lexguard.identity.portal.sessionEnded";
    private static final List<String> TOPICS = List.of("lexguard.sessions.events", "lexguard.identity.events");
    private static final Duration POLL = Duration.ofMillis(200);

    private final Map<String, Object> kafka;
    private final Duration lookBack;
    private final Map<UUID, Instant> endedSessions = new ConcurrentHashMap<>();
    private final List<Watermark> watermarks = new CopyOnWriteArrayList<>();
    private final BroadcastProcessor<String> changes = BroadcastProcessor.create();
    private volatile boolean running;
    private volatile Thread thread;
    private volatile KafkaConsumer<String, String> consumer;

    public SessionRevocations(FeedConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.kafka = Map.copyOf(kafka);
        this.lookBack = config.stream().revocationLookBack();
    }

    /** A token's session: its firm, user, session id ({@code sid}) and when it signed in. */
    public record Session(UUID firmId, UUID userId, UUID sessionId, Instant startedAt) {
    }

    /** Emits once, as soon as the session is known to have ended (at once if it already has). */
    public Multi<String> endOf(Session session) {
        // the broadcast first: a revocation applied between the check of "now" and the subscription is not missed
        return Multi.createBy().merging().streams(changes, Multi.createFrom().item("now"))
                .filter(change -> ended(session)).select().first();
    }

    /** True when the session was ended, or a watermark of its user or firm revoked it. */
    public boolean ended(Session session) {
        if (session.sessionId() != null && endedSessions.containsKey(session.sessionId())) {
            return true;
        }
        for (Watermark w : watermarks) {
            boolean scope = w.firmId().equals(session.firmId()) && (w.userId() == null || w.userId().equals(session.userId()));
            if (scope && session.startedAt() != null && session.startedAt().isBefore(w.revokedBefore())
                    && (session.sessionId() == null || !session.sessionId().equals(w.exceptSessionId()))) {
                return true;
            }
        }
        return false;
    }

    void start(@Observes StartupEvent ignored) {
        running = true;
        Thread t = new Thread(this::run, "lexguard-feed-revocations");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        KafkaConsumer<String, String> c = consumer;
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

    private void run() {
        while (running) {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(properties())) {
                consumer = c;
                follow(c);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                Log.warnf("revocation follower failed, reconnecting: %s", e.toString());
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    private void follow(KafkaConsumer<String, String> c) {
        List<String> assigned = new ArrayList<>();
        Instant from = Instant.now().minus(lookBack);
        while (running) {
            if (assigned.size() < TOPICS.size()) {
                List<TopicPartition> added = new ArrayList<>();
                for (String topic : TOPICS) {
                    if (assigned.contains(topic)) {
                        continue;
                    }
                    List<PartitionInfo> partitions = c.partitionsFor(topic, Duration.ofSeconds(5));
                    if (partitions != null && !partitions.isEmpty()) {
                        assigned.add(topic);
                        partitions.forEach(p -> added.add(new TopicPartition(p.topic(), p.partition())));
                    }
                }
                if (!added.isEmpty()) {
                    List<TopicPartition> all = new ArrayList<>(c.assignment());
                    all.addAll(added);
                    c.assign(all);
                    seek(c, added, from);
                }
            }
            if (c.assignment().isEmpty()) {
                sleep(Duration.ofSeconds(1));
                continue;
            }
            boolean changed = false;
            for (ConsumerRecord<String, String> record : c.poll(POLL)) {
                changed |= apply(record);
            }
            if (changed) {
                changes.onNext("revoked");
            }
            prune(Instant.now());
        }
    }

    private static void seek(KafkaConsumer<String, String> c, List<TopicPartition> partitions, Instant from) {
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(tp -> times.put(tp, from.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> offsets = c.offsetsForTimes(times);
        Map<TopicPartition, Long> ends = c.endOffsets(partitions);
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp offset = offsets.get(tp);
            c.seek(tp, offset != null ? offset.offset() : ends.get(tp));
        }
    }

    /** True when the record ended a session or raised a watermark. */
    boolean apply(ConsumerRecord<String, String> record) {
        CloudEvent event;
        try {
            event = CloudEventCodec.read(record.value());
        } catch (MalformedEventException e) {
            return false;
        }
        if (TopicOwners.violation(record.topic(), event).isPresent()) {
            // only sessions-service may revoke and only identity-service may end a session
            return false;
        }
        try {
            return apply(event);
        } catch (RuntimeException e) {
            Log.warnf("skipping revocation event %s (%s): %s", event.id(), event.type(), e.getMessage());
            return false;
        }
    }

    boolean apply(CloudEvent event) {
        JsonNode data = event.data();
        switch (event.type()) {
            case SESSION_REVOKED, SESSION_ENDED, PORTAL_SESSION_ENDED -> {
                endedSessions.put(UUID.fromString(data.path("sessionId").asText()), event.time());
                return true;
            }
            case WATERMARK_RAISED -> {
                boolean firm = "firm".equals(data.path("scope").asText());
                watermarks.add(new Watermark(event.firmId(), firm ? null : UUID.fromString(data.path("userId").asText()),
                        instant(data.path("revokedBefore"), event.time()),
                        data.path("exceptSessionId").isTextual() ? UUID.fromString(data.path("exceptSessionId").asText()) : null,
                        event.time()));
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** Forgets what can no longer end a live stream: no token outlives the look-back. */
    private void prune(Instant now) {
        Instant horizon = now.minus(lookBack);
        endedSessions.values().removeIf(at -> at.isBefore(horizon));
        watermarks.removeIf(w -> w.learnt().isBefore(horizon));
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

    private Properties properties() {
        Properties p = new Properties();
        p.putAll(kafka);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "lexguard-feed-revocations");
        return p;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Watermark(UUID firmId, UUID userId, Instant revokedBefore, UUID exceptSessionId, Instant learnt) {
    }
}
