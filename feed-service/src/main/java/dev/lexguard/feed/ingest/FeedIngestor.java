package dev.lexguard.feed.ingest;

import dev.lexguard.platform.events.catalogue.EventValidator;
import dev.lexguard.platform.events.consumer.TopicOwners;
import dev.lexguard.platform.events.envelope.CloudEvent;
import dev.lexguard.platform.events.envelope.CloudEventCodec;
import dev.lexguard.platform.events.envelope.MalformedEventException;
import dev.lexguard.platform.events.tracing.EventTracing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * One entry per event, from every topic the feed follows, consumed in batches (one poll, up to
 * {@code max.poll.records}) so that thousands of events share one transaction.
 * <p>
 * The guarantees are those of platform/events' {@code IdempotentConsumer}, kept here for a whole batch: each record is
 * parsed and checked by the same codec, {@link TopicOwners} and {@link EventValidator} (unknown types pass and become
 * generic entries; unparseable records, broken envelopes, events whose source does not own the topic they came from
 * ({@value TopicOwners#REASON}) and known types failing their schema go unchanged to {@code lexguard.feed.dlq} with a
 * {@code dead-letter-reason} header), and the consumed events' ids ({@code lexguard_consumed_event}, consumer
 * {@value #CONSUMER}), the projection changes and the entries commit in one transaction, so a redelivered event makes
 * no second entry. A batch whose transaction keeps failing is retried with backoff, then handed to the connector's
 * dead-letter strategy.
 * <p>
 * Each entry written is a consumer span from the batch's start to its commit, a child of its event's {@code traceparent}
 * ({@link EventTracing}), so the feed's ingestion shows in the trace of the request that caused the event.
 * <p>
 * Each firm's chain head is locked (in firm order, so replicas never deadlock), the batch's entries of that firm get
 * consecutive positions and hashes, and the head moves once per firm and batch.
 */
@ApplicationScoped
public class FeedIngestor {

    public static final String CONSUMER = "feed-entries";
    static final String MARK_CONSUMED = """
            insert into lexguard_consumed_event (consumer, event_id) select $1, unnest(cast($2 as uuid[]))
            on conflict do nothing returning event_id""";
    static final String KNOW_MATTERS = """
            insert into feed_matter (firm_id, id) select * from unnest(cast($1 as uuid[]), cast($2 as uuid[])) on conflict do nothing""";
    static final String LOCK_HEAD = """
            insert into feed_chain as c (firm_id, last_seq, last_hash, anchor_hash)
            values ($1, 0, decode(repeat('00', 32), 'hex'), decode(repeat('00', 32), 'hex'))
            on conflict (firm_id) do update set last_seq = c.last_seq returning last_seq, last_hash""";
    static final String MOVE_HEAD = "update feed_chain set last_seq = $2, last_hash = $3 where firm_id = $1";
    /** The whole batch's entries in one statement: one array per column. */
    static final String INSERT_ENTRIES = """
            insert into feed_entry (firm_id, seq, id, occurred_at, event_type, source, category, admin_only, actor_id, actor_type,
              verb, object_type, object_id, object_title, matter_id, activity_description_id, summary, details, ip, location, hash)
            select * from unnest(cast($1 as uuid[]), cast($2 as bigint[]), cast($3 as uuid[]), cast($4 as timestamptz[]),
              cast($5 as text[]), cast($6 as text[]), cast($7 as text[]), cast($8 as boolean[]), cast($9 as text[]), cast($10 as text[]),
              cast($11 as text[]), cast($12 as text[]), cast($13 as text[]), cast($14 as text[]), cast($15 as uuid[]),
              cast($16 as uuid[]), cast($17 as text[]), cast($18 as text[]), cast($19 as text[]), cast($20 as text[]),
              cast($21 as bytea[]))""";

    private final Pool pool;
    private final EventValidator validator;
    private final VisibilityProjection projection;
    private final MutinyEmitter<String> deadLetters;
    private final Timer delay;
    private final Counter handled;
    private final Counter duplicates;
    private final Counter poison;
    private final Counter foreign;
    private final EventTracing tracing;

    public FeedIngestor(Pool pool, EventValidator validator, VisibilityProjection projection,
            @Channel("feed-dead-letters") MutinyEmitter<String> deadLetters, MeterRegistry registry, EventTracing tracing) {
        this.pool = pool;
        this.tracing = tracing;
        this.validator = validator;
        this.projection = projection;
        this.deadLetters = deadLetters;
        this.delay = Timer.builder("lexguard.feed.ingest.delay").description("From an event's time to its entry being written")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.handled = registry.counter("lexguard.events.consumer.handled", "consumer", CONSUMER);
        this.duplicates = registry.counter("lexguard.events.consumer.duplicates", "consumer", CONSUMER);
        this.poison = registry.counter("lexguard.events.consumer.poison", "consumer", CONSUMER);
        this.foreign = registry.counter("lexguard.events.consumer.foreign", "consumer", CONSUMER);
    }

    @Incoming("feed-events")
    public Uni<Void> ingest(ConsumerRecords<String, String> records) {
        // Parsing, schema checks and hashing are CPU work: off the event loop.
        return Uni.createFrom().item(() -> parse(records)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(batch -> deadLetter(batch.poison()).chain(() -> Uni.createFrom().deferred(() -> store(batch))
                        .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(4)));
    }

    private Batch parse(ConsumerRecords<String, String> records) {
        Map<UUID, CloudEvent> events = new LinkedHashMap<>();
        Map<UUID, String> topics = new HashMap<>();
        List<Poison> poisoned = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                CloudEvent event = CloudEventCodec.read(record.value());
                Optional<String> foreign = TopicOwners.violation(record.topic(), event);
                if (foreign.isPresent()) {
                    this.foreign.increment();
                    poisoned.add(new Poison(record, foreign.get()));
                    continue;
                }
                Optional<String> violation = validator.violationOnConsume(event);
                if (violation.isPresent()) {
                    poisoned.add(new Poison(record, "event " + event.id() + " is invalid: " + violation.get()));
                } else {
                    events.putIfAbsent(event.id(), event);
                    topics.putIfAbsent(event.id(), record.topic());
                }
            } catch (MalformedEventException e) {
                poisoned.add(new Poison(record, "malformed event: " + e.getMessage()));
            }
        }
        return new Batch(List.copyOf(events.values()), Map.copyOf(topics), poisoned);
    }

    private Uni<Void> deadLetter(List<Poison> poisoned) {
        if (poisoned.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(poisoned).onItem().transformToUniAndConcatenate(p -> {
            poison.increment();
            Log.warnf("consumer %s: %s", CONSUMER, p.reason());
            RecordHeaders headers = new RecordHeaders();
            p.record().headers().forEach(headers::add);
            headers.add("dead-letter-reason", p.reason().getBytes(StandardCharsets.UTF_8));
            headers.add("dead-letter-topic", p.record().topic().getBytes(StandardCharsets.UTF_8));
            headers.add("dead-letter-partition", Integer.toString(p.record().partition()).getBytes(StandardCharsets.UTF_8));
            headers.add("dead-letter-offset", Long.toString(p.record().offset()).getBytes(StandardCharsets.UTF_8));
            return deadLetters.sendMessage(Message.of(p.record().value()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(p.record().key()).withHeaders(headers).build()));
        }).collect().last().replaceWithVoid();
    }

    private Uni<Void> store(Batch batch) {
        List<CloudEvent> events = batch.events();
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant started = Instant.now();
        return pool.withTransaction(connection -> connection.preparedQuery(MARK_CONSUMED)
                .execute(Tuple.of(CONSUMER, events.stream().map(CloudEvent::id).toArray(UUID[]::new)))
                .chain(rows -> {
                    Set<UUID> fresh = new HashSet<>();
                    for (Row row : rows) {
                        fresh.add(row.getUUID(0));
                    }
                    List<CloudEvent> todo = events.stream().filter(e -> fresh.contains(e.id())).toList();
                    duplicates.increment(events.size() - todo.size());
                    return project(connection, todo, 0).chain(() -> append(connection, todo)).replaceWith(todo);
                }))
                .invoke(todo -> {
                    handled.increment(todo.size());
                    Instant now = Instant.now();
                    todo.forEach(e -> delay.record(Duration.between(e.time(), now).abs()));
                    // one span per entry written, from the batch's start to its commit, in the trace of the request
                    // that caused the event
                    todo.forEach(e -> tracing.startHandling(CONSUMER, batch.topics().get(e.id()), e, started).end(now));
                })
                .replaceWithVoid();
    }

    /** Projection changes one event after another, in the order they were consumed. */
    private Uni<Void> project(SqlConnection connection, List<CloudEvent> events, int index) {
        for (int i = index; i < events.size(); i++) {
            if (VisibilityProjection.concerns(events.get(i))) {
                int next = i + 1;
                return projection.apply(connection, events.get(i)).chain(() -> project(connection, events, next));
            }
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> append(SqlConnection connection, List<CloudEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<UUID, List<EntryDraft>> byFirm = new TreeMap<>();
        List<UUID> matterFirms = new ArrayList<>();
        List<UUID> matters = new ArrayList<>();
        for (CloudEvent event : events) {
            EntryDraft entry = EntryFactory.entry(event);
            byFirm.computeIfAbsent(entry.firmId(), f -> new ArrayList<>()).add(entry);
            if (entry.matterId() != null) {
                matterFirms.add(entry.firmId());
                matters.add(entry.matterId());
            }
        }
        // An entry about a matter the projection has not heard of keeps it hidden until permissions registers it.
        Uni<Void> known = matters.isEmpty() ? Uni.createFrom().voidItem()
                : connection.preparedQuery(KNOW_MATTERS).execute(Tuple.of(matterFirms.toArray(UUID[]::new), matters.toArray(UUID[]::new)))
                        .replaceWithVoid();
        Columns rows = new Columns(events.size());
        return known.chain(() -> Multi.createFrom().iterable(byFirm.entrySet())
                        .onItem().transformToUniAndConcatenate(firm -> chain(connection, firm.getKey(), firm.getValue(), rows))
                        .collect().last())
                .chain(() -> connection.preparedQuery(INSERT_ENTRIES).execute(rows.tuple()))
                .replaceWithVoid();
    }

    /** Locks the firm's head, hashes its entries onto the chain and moves the head. */
    private Uni<Void> chain(SqlConnection connection, UUID firmId, List<EntryDraft> entries, Columns rows) {
        return connection.preparedQuery(LOCK_HEAD).execute(Tuple.of(firmId)).chain(head -> {
            Row row = head.iterator().next();
            long seq = row.getLong(0);
            byte[] hash = row.getBuffer(1).getBytes();
            for (EntryDraft entry : entries) {
                seq++;
                hash = ChainHash.next(hash, ChainHash.canonical(entry));
                rows.add(entry, seq, hash);
            }
            return connection.preparedQuery(MOVE_HEAD).execute(Tuple.of(firmId, seq, Buffer.buffer(hash)));
        }).replaceWithVoid();
    }

    /** The batch's entries, column by column, for {@link #INSERT_ENTRIES}. */
    private static final class Columns {
        private final List<List<Object>> columns = new ArrayList<>();

        Columns(int size) {
            for (int i = 0; i < 21; i++) {
                columns.add(new ArrayList<>(size));
            }
        }

        void add(EntryDraft e, long seq, byte[] hash) {
            Object[] values = {e.firmId(), seq, e.id(), e.occurredAt().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC),
                e.eventType(), e.source(), e.category(), e.adminOnly(), e.actorId(), e.actorType(), e.verb(), e.objectType(),
                e.objectId(), e.objectTitle(), e.matterId(), e.activityDescriptionId(), e.summary(), e.details(), e.ip(),
                e.location(), Buffer.buffer(hash)};
            for (int i = 0; i < values.length; i++) {
                columns.get(i).add(values[i]);
            }
        }

        Tuple tuple() {
            return Tuple.from(List.of(
                    columns.get(0).toArray(UUID[]::new), columns.get(1).toArray(Long[]::new), columns.get(2).toArray(UUID[]::new),
                    columns.get(3).toArray(OffsetDateTime[]::new), strings(4), strings(5), strings(6),
                    columns.get(7).toArray(Boolean[]::new), strings(8), strings(9), strings(10), strings(11), strings(12), strings(13),
                    columns.get(14).toArray(UUID[]::new), columns.get(15).toArray(UUID[]::new), strings(16), strings(17), strings(18),
                    strings(19), columns.get(20).toArray(Buffer[]::new)));
        }

        private String[] strings(int column) {
            return columns.get(column).toArray(String[]::new);
        }
    }

    private record Batch(List<CloudEvent> events, Map<UUID, String> topics, List<Poison> poison) {
    }

    private record Poison(ConsumerRecord<String, String> record, String reason) {
    }
}
