package dev.lexguard.feed.chain;

import dev.lexguard.feed.ingest.ChainHash;
import dev.lexguard.feed.ingest.EntryDraft;
import dev.lexguard.feed.reading.FeedQueries;
import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.outbox.EventDraft;
import dev.lexguard.platform.web.problem.ForbiddenProblem;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Verifies a firm's hash chain and purges entries past the firm's retention, leaving an anchor. */
@ApplicationScoped
public class ChainService {

    static final int BATCH = 2000;
    static final String ENTRY_COLUMNS = """
            seq, id, occurred_at, event_type, source, category, admin_only, actor_id, actor_type, verb, object_type, object_id,
            object_title, matter_id, activity_description_id, summary, details, ip, location, hash""";

    private final Pool pool;
    private final RetentionService retention;
    private final FeedActs acts;

    public ChainService(Pool pool, RetentionService retention, FeedActs acts) {
        this.pool = pool;
        this.retention = retention;
        this.acts = acts;
    }

    /** Administrators only (by the feed's projection of permissions-service's records, not the token). */
    public Uni<Void> requireAdministrator(UUID firmId, UUID userId) {
        return pool.preparedQuery("select 1 from feed_user where firm_id = $1 and id = $2 and administrator and status <> 'deactivated'")
                .execute(Tuple.of(firmId, userId))
                .invoke(rows -> {
                    if (rows.size() == 0) {
                        throw ForbiddenProblem.missingPermission("administrator");
                    }
                })
                .replaceWithVoid();
    }

    /** Verifies positions {@code from..to} (both optional: the whole retained chain). */
    public Uni<ChainVerification> verify(UUID firmId, Long from, Long to) {
        return pool.preparedQuery("select last_seq, last_hash, anchor_seq, anchor_hash, anchor_purged, anchor_from_seq, anchor_oldest_at,"
                + " anchor_newest_at, anchored_at, anchor_by_type, anchor_by_id, anchor_entry_id from feed_chain where firm_id = $1")
                .execute(Tuple.of(firmId)).chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(new ChainVerification(true, 0, 0, 0,
                                new ChainVerification.Anchor(0, ChainHash.hex(ChainHash.GENESIS)),
                                new ChainVerification.Head(0, ChainHash.hex(ChainHash.GENESIS)), null));
                    }
                    Row chain = rows.iterator().next();
                    long last = chain.getLong(0);
                    byte[] lastHash = bytes(chain, 1);
                    long anchor = chain.getLong(2);
                    byte[] anchorHash = bytes(chain, 3);
                    long start = Math.max(from == null ? anchor + 1 : from, anchor + 1);
                    long end = Math.min(to == null ? last : to, last);
                    ChainVerification.Anchor anchorRef = new ChainVerification.Anchor(anchor, ChainHash.hex(anchorHash),
                            lastPurge(chain));
                    ChainVerification.Head head = new ChainVerification.Head(last, ChainHash.hex(lastHash));
                    if (start > end) {
                        return Uni.createFrom().item(new ChainVerification(true, start, end, 0, anchorRef, head, null));
                    }
                    Uni<byte[]> previous = start == anchor + 1 ? Uni.createFrom().item(anchorHash)
                            : pool.preparedQuery("select hash from feed_entry where firm_id = $1 and seq = $2")
                                    .execute(Tuple.of(firmId, start - 1))
                                    .map(prev -> prev.size() == 0 ? null : bytes(prev.iterator().next(), 0));
                    return previous.chain(prev -> {
                        Walk walk = new Walk(firmId, start, end, last, lastHash, anchorRef, head);
                        if (prev == null) {
                            return Uni.createFrom().item(walk.broken(new ChainVerification.Break(start - 1, null, "missing", null, null)));
                        }
                        walk.previous = prev;
                        walk.expected = start;
                        return step(walk);
                    });
                });
    }

    private Uni<ChainVerification> step(Walk walk) {
        return pool.preparedQuery("select " + ENTRY_COLUMNS + " from feed_entry where firm_id = $1 and seq >= $2 and seq <= $3"
                        + " order by seq limit " + FeedQueries.literalLimit(BATCH))
                .execute(Tuple.of(walk.firmId, walk.expected, walk.end))
                .chain(rows -> {
                    int count = 0;
                    for (Row row : rows) {
                        count++;
                        long seq = row.getLong(0);
                        if (seq != walk.expected) {
                            return Uni.createFrom().item(walk.broken(new ChainVerification.Break(walk.expected, null, "missing", null, null)));
                        }
                        byte[] stored = bytes(row, 19);
                        byte[] computed = ChainHash.next(walk.previous, ChainHash.canonical(draft(walk.firmId, row)));
                        if (!ChainHash.same(stored, computed)) {
                            return Uni.createFrom().item(walk.broken(new ChainVerification.Break(seq, row.getUUID(1).toString(),
                                    "hash-mismatch", ChainHash.hex(computed), ChainHash.hex(stored))));
                        }
                        walk.previous = stored;
                        walk.expected = seq + 1;
                        walk.checked++;
                    }
                    if (walk.expected > walk.end) {
                        if (walk.end == walk.last && !ChainHash.same(walk.previous, walk.lastHash)) {
                            return Uni.createFrom().item(walk.broken(new ChainVerification.Break(walk.end, null, "head-mismatch",
                                    ChainHash.hex(walk.lastHash), ChainHash.hex(walk.previous))));
                        }
                        return Uni.createFrom().item(new ChainVerification(true, walk.start, walk.end, walk.checked, walk.anchor,
                                walk.head, null));
                    }
                    if (count == 0) {
                        return Uni.createFrom().item(walk.broken(new ChainVerification.Break(walk.expected, null, "missing", null, null)));
                    }
                    return step(walk);
                });
    }

    /**
     * Deletes the oldest entries past the firm's retention (a prefix of its chain; never below the deployment's floor)
     * and moves the anchor after them. The anchor records the purge (how many, which positions and times, when, by
     * whom) and the purge becomes an event and an entry of the chain itself, in the same transaction: a manual purge
     * always (by {@code by}, an administrator), the periodic one ({@code by} null: the system) when it dropped entries.
     */
    public Uni<PurgeResult> purge(UUID firmId, UUID by) {
        return pool.preparedQuery("select retention_days from feed_retention where firm_id = $1").execute(Tuple.of(firmId))
                .map(rows -> retention.effectiveDays(rows.size() == 0 ? null : rows.iterator().next().getInteger(0)))
                .chain(days -> {
                    Instant cutoff = Instant.now().minus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
                    return pool.withTransaction(connection -> purge(connection, firmId, cutoff)
                            .chain(result -> record(connection, firmId, by, days, result)));
                });
    }

    private Uni<PurgeResult> purge(SqlConnection connection, UUID firmId, Instant cutoff) {
        return connection.preparedQuery("select anchor_seq, last_seq, anchor_hash from feed_chain where firm_id = $1 for update")
                .execute(Tuple.of(firmId)).chain(chain -> {
                    if (chain.size() == 0) {
                        return Uni.createFrom().item(PurgeResult.none(0, ChainHash.hex(ChainHash.GENESIS), cutoff));
                    }
                    Row head = chain.iterator().next();
                    long anchor = head.getLong(0);
                    long last = head.getLong(1);
                    String anchorHash = ChainHash.hex(bytes(head, 2));
                    // The retained chain must stay contiguous: purge up to (not including) the first entry that is still young.
                    return connection.preparedQuery("select coalesce(min(seq) - 1, $3) from feed_entry where firm_id = $1 and occurred_at >= $2")
                            .execute(Tuple.of(firmId, cutoff.atOffset(ZoneOffset.UTC), last))
                            .chain(until -> {
                                long upTo = until.iterator().next().getLong(0);
                                if (upTo <= anchor) {
                                    return Uni.createFrom().item(PurgeResult.none(anchor, anchorHash, cutoff));
                                }
                                return connection.preparedQuery("""
                                        with anchor as (select hash from feed_entry where firm_id = $1 and seq = $2),
                                             gone as (delete from feed_entry where firm_id = $1 and seq > $3 and seq <= $2
                                                       and exists (select 1 from anchor) returning seq, occurred_at)
                                        update feed_chain set anchor_seq = $2, anchor_hash = (select hash from anchor), anchored_at = now(),
                                          anchor_purged = (select count(*) from gone), anchor_from_seq = (select min(seq) from gone),
                                          anchor_oldest_at = (select min(occurred_at) from gone),
                                          anchor_newest_at = (select max(occurred_at) from gone),
                                          anchor_by_type = null, anchor_by_id = null, anchor_entry_id = null
                                        where firm_id = $1 and exists (select 1 from anchor)
                                        returning anchor_purged, anchor_hash, anchor_from_seq, anchor_oldest_at, anchor_newest_at""")
                                        .execute(Tuple.of(firmId, upTo, anchor))
                                        .map(rows -> purged(rows, firmId, upTo, anchor, anchorHash, cutoff));
                            });
                });
    }

    private static PurgeResult purged(RowSet<Row> rows, UUID firmId, long upTo, long anchor, String anchorHash, Instant cutoff) {
        if (rows.size() == 0) {
            // The entry that would become the anchor is missing: leave the chain as it is (verification reports it).
            Log.warnf("retention purge of firm %s skipped: entry %d is missing", firmId, upTo);
            return PurgeResult.none(anchor, anchorHash, cutoff);
        }
        Row row = rows.iterator().next();
        Log.infof("retention purged %d entries of firm %s; anchor now at %d", row.getLong(0), firmId, upTo);
        return new PurgeResult(row.getLong(0), upTo, ChainHash.hex(bytes(row, 1)), cutoff, row.getLong(2),
                row.getOffsetDateTime(3).toInstant(), row.getOffsetDateTime(4).toInstant(), null);
    }

    /** The purge's event and entry, and who purged on the anchor. */
    private Uni<PurgeResult> record(SqlConnection connection, UUID firmId, UUID by, int days, PurgeResult result) {
        if (by == null && result.purged() == 0) {
            return Uni.createFrom().item(result);
        }
        String actorId = by == null ? FeedActs.SYSTEM_ACTOR : by.toString();
        ActorType actorType = by == null ? ActorType.SYSTEM : ActorType.USER;
        RetentionPurged data = new RetentionPurged(by == null ? "scheduled" : "manual", result.purged(), result.fromSeq(),
                result.anchorSeq(), result.oldestOccurredAt(), result.newestOccurredAt(), result.cutoff(), days);
        return acts.record(connection, EventDraft.of(FeedActs.RETENTION_PURGED, firmId.toString(), firmId, actorId, actorType, data))
                .call(event -> result.purged() == 0 ? Uni.createFrom().voidItem()
                        : connection.preparedQuery("update feed_chain set anchor_by_type = $2, anchor_by_id = $3, anchor_entry_id = $4"
                                + " where firm_id = $1").execute(Tuple.of(firmId, actorType.wireName(), actorId, event.id())).replaceWithVoid())
                .map(event -> result.withEvent(event.id()));
    }

    private static ChainVerification.Purge lastPurge(Row chain) {
        Long purged = chain.getLong(4);
        if (purged == null) {
            return null;
        }
        String byType = chain.getString(9);
        return new ChainVerification.Purge(purged, chain.getLong(5), instant(chain, 6), instant(chain, 7), instant(chain, 8),
                byType == null ? null : new ChainVerification.Actor(byType, chain.getString(10)), chain.getUUID(11));
    }

    private static Instant instant(Row row, int column) {
        return row.getOffsetDateTime(column) == null ? null : row.getOffsetDateTime(column).toInstant();
    }

    /** Every firm with a chain, for the periodic purge. */
    public Uni<List<UUID>> firms() {
        return pool.query("select firm_id from feed_chain").execute().map(rows -> {
            List<UUID> firms = new ArrayList<>();
            for (Row row : rows) {
                firms.add(row.getUUID(0));
            }
            return firms;
        });
    }

    /** The hashed fields of a stored entry, exactly as ingestion hashed them. */
    static EntryDraft draft(UUID firmId, Row row) {
        return new EntryDraft(row.getUUID(1), firmId, row.getOffsetDateTime(2).toInstant(), row.getString(3), row.getString(4),
                row.getString(5), row.getBoolean(6), row.getString(7), row.getString(8), row.getString(9), row.getString(10),
                row.getString(11), row.getString(12), row.getUUID(13), row.getUUID(14), row.getString(15), row.getString(16),
                row.getString(17), row.getString(18));
    }

    private static byte[] bytes(Row row, int column) {
        return row.getBuffer(column).getBytes();
    }

    /**
     * Retention's outcome for one firm: how many entries went, the anchor (the last position dropped), the cutoff, the
     * dropped positions' first one and times (null when none went), and the purge's event (= entry) id, if recorded.
     */
    public record PurgeResult(long purged, long anchorSeq, String anchorHash, Instant cutoff, Long fromSeq,
            Instant oldestOccurredAt, Instant newestOccurredAt, UUID eventId) {

        static PurgeResult none(long anchorSeq, String anchorHash, Instant cutoff) {
            return new PurgeResult(0, anchorSeq, anchorHash, cutoff, null, null, null, null);
        }

        PurgeResult withEvent(UUID id) {
            return new PurgeResult(purged, anchorSeq, anchorHash, cutoff, fromSeq, oldestOccurredAt, newestOccurredAt, id);
        }
    }

    /** Data of {@code dev.lexguard.feed.retention.purged}. */
    public record RetentionPurged(String trigger, long purged, Long fromSeq, long anchorSeq, Instant oldestOccurredAt,
            Instant newestOccurredAt, Instant cutoff, int retentionDays) {
    }

    private static final class Walk {
        final UUID firmId;
        final long start;
        final long end;
        final long last;
        final byte[] lastHash;
        final ChainVerification.Anchor anchor;
        final ChainVerification.Head head;
        byte[] previous;
        long expected;
        long checked;

        Walk(UUID firmId, long start, long end, long last, byte[] lastHash, ChainVerification.Anchor anchor, ChainVerification.Head head) {
            this.firmId = firmId;
            this.start = start;
            this.end = end;
            this.last = last;
            this.lastHash = lastHash;
            this.anchor = anchor;
            this.head = head;
        }

        ChainVerification broken(ChainVerification.Break at) {
            return new ChainVerification(false, start, end, checked, anchor, head, at);
        }
    }
}
