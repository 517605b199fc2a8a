package dev.lexguard.feed.chain;

import dev.lexguard.feed.ingest.ChainHash;
import dev.lexguard.feed.ingest.EntryDraft;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Appends one entry the feed writes itself (its own acts: retention changes, purges) onto the firm's chain, in
 * the caller's transaction: locks the head, hashes the entry exactly as ingestion does ({@link ChainHash}), inserts
 * it and moves the head.
 */
final class ChainAppender {

    private static final String LOCK_HEAD = """
            insert into feed_chain as c (firm_id, last_seq, last_hash, anchor_hash)
            values ($1, 0, decode(repeat('00', 32), 'hex'), decode(repeat('00', 32), 'hex'))
            on conflict (firm_id) do update set last_seq = c.last_seq returning last_seq, last_hash""";
    private static final String INSERT = """
            insert into feed_entry (firm_id, seq, id, occurred_at, event_type, source, category, admin_only, actor_id, actor_type,
              verb, object_type, object_id, object_title, matter_id, activity_description_id, summary, details, ip, location, hash)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)""";
    private static final String MOVE_HEAD = "update feed_chain set last_seq = $2, last_hash = $3 where firm_id = $1";

    private ChainAppender() {
    }

    /** The entry's position in the chain. */
    static Uni<Long> append(SqlConnection connection, EntryDraft e) {
        UUID firmId = e.firmId();
        return connection.preparedQuery(LOCK_HEAD).execute(Tuple.of(firmId)).chain(head -> {
            Row row = head.iterator().next();
            long seq = row.getLong(0) + 1;
            byte[] hash = ChainHash.next(row.getBuffer(1).getBytes(), ChainHash.canonical(e));
            Object[] values = {firmId, seq, e.id(), e.occurredAt().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC),
                e.eventType(), e.source(), e.category(), e.adminOnly(), e.actorId(), e.actorType(), e.verb(), e.objectType(),
                e.objectId(), e.objectTitle(), e.matterId(), e.activityDescriptionId(), e.summary(), e.details(), e.ip(),
                e.location(), Buffer.buffer(hash)};
            return connection.preparedQuery(INSERT).execute(Tuple.from(values))
                    .chain(() -> connection.preparedQuery(MOVE_HEAD).execute(Tuple.of(firmId, seq, Buffer.buffer(hash))))
                    .replaceWith(seq);
        });
    }
}
