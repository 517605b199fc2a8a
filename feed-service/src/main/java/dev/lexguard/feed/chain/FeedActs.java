package dev.lexguard.feed.chain;

import dev.lexguard.feed.ingest.EntryFactory;
import dev.lexguard.platform.events.envelope.CloudEvent;
import dev.lexguard.platform.events.outbox.EventDraft;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The feed's own acts (a retention change, a purge, a feed review) become an event and an entry of the firm's feed, in the
 * transaction of the act itself: the event goes to the outbox (platform/events; the relay publishes it on
 * {@code lexguard.feed.events} for integrators) and the same envelope becomes the entry, appended to the chain
 * exactly as an ingested event would be (same id, same summary rules). The feed does not consume its own topic,
 * so there is one entry, and it exists even while Kafka is down: a purge can never commit without its trace.
 */
@ApplicationScoped
public class FeedActs {

    public static final String RETENTION_CHANGED = "dev.lexguard.feed.retention.changed";
    public static final String RETENTION_PURGED = "dev.lexguard.feed.retention.purged";
    /** The actor id of the periodic purge (actor type system). */
    public static final String SYSTEM_ACTOR = "feed-service";

    private final OutboxWriter outbox;

    public FeedActs(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** The stored envelope (its id is the entry's id). */
    public Uni<CloudEvent> record(SqlConnection connection, EventDraft draft) {
        return outbox.appendEvent(connection, draft)
                .call(event -> ChainAppender.append(connection, EntryFactory.entry(event)));
    }
}
