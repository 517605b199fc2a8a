package dev.lexguard.feed.chain;

import dev.lexguard.feed.FeedConfig;
import dev.lexguard.feed.ingest.EntryDraft;
import dev.lexguard.feed.reading.FeedQueries;
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
    private final FeedConfig config;

    public ChainService(Pool pool, FeedConfig config) {
        this.pool = pool;
        this.config = config;
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
        return pool.preparedQuery("select last_seq, last_hash, anchor_seq, anchor_hash from feed_chain where firm_id = $1")
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
                    ChainVerification.Anchor anchorRef = new ChainVerification.Anchor(anchor, ChainHash.hex(anchorHash));
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

    /** Deletes the oldest entries past the firm's retention (a prefix of its chain) and moves the anchor after them. */
    public Uni<PurgeResult> purge(UUID firmId) {
        return pool.preparedQuery("select retention_days from feed_retention where firm_id = $1").execute(Tuple.of(firmId))
                .map(rows -> rows.size() == 0 ? config.defaultRetentionDays() : rows.iterator().next().getInteger(0))
                .chain(days -> {
                    Instant cutoff = Instant.now().minus(days, ChronoUnit.DAYS);
                    return pool.withTransaction(connection -> purge(connection, firmId, cutoff));
                });
    }

    private Uni<PurgeResult> purge(SqlConnection connection, UUID firmId, Instant cutoff) {
        return connection.preparedQuery("select anchor_seq, last_seq from feed_chain where firm_id = $1 for update")
                .execute(Tuple.of(firmId)).chain(chain -> {
                    if (chain.size() == 0) {
                        return Uni.createFrom().item(new PurgeResult(0, 0, ChainHash.hex(ChainHash.GENESIS), cutoff));
                    }
                    long anchor = chain.iterator().next().getLong(0);
                    long last = chain.iterator().next().getLong(1);
                    // The retained chain must stay contiguous: purge up to (not including) the first entry that is still young.
                    return connection.preparedQuery("select coalesce(min(seq) - 1, $3) from feed_entry where firm_id = $1 and occurred_at >= $2")
                            .execute(Tuple.of(firmId, cutoff.atOffset(ZoneOffset.UTC), last))
                            .chain(until -> {
                                long upTo = until.iterator().next().getLong(0);
                                if (upTo <= anchor) {
                                    return connection.preparedQuery("select anchor_hash from feed_chain where firm_id = $1")
                                            .execute(Tuple.of(firmId))
                                            .map(rows -> new PurgeResult(0, anchor, ChainHash.hex(bytes(rows.iterator().next(), 0)), cutoff));
                                }
                                return connection.preparedQuery("""
                                        with anchor as (select hash from feed_entry where firm_id = $1 and seq = $2),
                                             gone as (delete from feed_entry where firm_id = $1 and seq > $3 and seq <= $2
                                                       and exists (select 1 from anchor) returning 1)
                                        update feed_chain set anchor_seq = $2, anchor_hash = (select hash from anchor), anchored_at = now()
                                        where firm_id = $1 and exists (select 1 from anchor)
                                        returning (select count(*) from gone), anchor_hash""")
                                        .execute(Tuple.of(firmId, upTo, anchor))
                                        .map(rows -> purged(rows, firmId, upTo, anchor, cutoff));
                            });
                });
    }

    private static PurgeResult purged(RowSet<Row> rows, UUID firmId, long upTo, long anchor, Instant cutoff) {
        if (rows.size() == 0) {
            // The entry that would become the anchor is missing: leave the chain as it is (verification reports it).
            Log.warnf("retention purge of firm %s skipped: entry %d is missing", firmId, upTo);
            return new PurgeResult(0, anchor, null, cutoff);
        }
        Row row = rows.iterator().next();
        Log.infof("retention purged %d entries of firm %s; anchor now at %d", row.getLong(0), firmId, upTo);
        return new PurgeResult(row.getLong(0), upTo, ChainHash.hex(bytes(row, 1)), cutoff);
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

    /** Retention's outcome for one firm. */
    public record PurgeResult(long purged, long anchorSeq, String anchorHash, Instant cutoff) {
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
