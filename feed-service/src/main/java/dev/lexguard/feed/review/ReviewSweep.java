package dev.lexguard.feed.review;

import dev.lexguard.feed.chain.FeedActs;
import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.outbox.EventDraft;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Announces, for mailers, that a firm's feed review fell due (its period ended: the last review, or the firm's first
 * entry, plus the interval) and that it is overdue (plus lexguard.feed.review.overdue-after): each once per period. A
 * marker row (firm, period start, kind) is inserted on conflict do nothing in the transaction of the event's outbox
 * row, so replicas, or two runs at once, announce a period once; a review starts a new period. The announcements are
 * events only, not entries of the feed (they would fill the period they announce).
 */
@ApplicationScoped
public class ReviewSweep {

    static final String PERIODS = """
            select c.firm_id, p.start, coalesce(s.interval_days, %d) as days,
              p.start + make_interval(days => coalesce(s.interval_days, %d)) as due_at,
              p.start + make_interval(days => coalesce(s.interval_days, %d)) + make_interval(secs => $1) as overdue_at,
              p.start + make_interval(days => coalesce(s.interval_days, %d)) + make_interval(secs => $1) <= now() as overdue
            from feed_chain c
            left join feed_review_setting s on s.firm_id = c.firm_id
            cross join lateral (select coalesce(
                (select max(r.completed_at) from feed_review r where r.firm_id = c.firm_id),
                (select e.recorded_at from feed_entry e where e.firm_id = c.firm_id order by e.seq limit 1)) as start) p
            where p.start + make_interval(days => coalesce(s.interval_days, %d)) <= now()""".formatted(
            ReviewService.DEFAULT_INTERVAL_DAYS, ReviewService.DEFAULT_INTERVAL_DAYS, ReviewService.DEFAULT_INTERVAL_DAYS,
            ReviewService.DEFAULT_INTERVAL_DAYS, ReviewService.DEFAULT_INTERVAL_DAYS);
    static final String MARK = """
            insert into feed_review_notice (firm_id, period_start, kind) values ($1, $2, $3)
            on conflict do nothing returning firm_id""";
    /** Who reviews: the named reviewers that are not deactivated, else the administrators. */
    static final String REVIEWERS = """
            select n.administrators, u.id
            from (select coalesce((select cardinality(reviewers) from feed_review_setting where firm_id = $1), 0) = 0 as administrators) n
            left join feed_user u on u.firm_id = $1 and u.status <> 'deactivated' and case when n.administrators then u.administrator
              else u.id = any((select reviewers from feed_review_setting where firm_id = $1)::uuid[]) end
            order by u.id""";

    private final Pool pool;
    private final OutboxWriter outbox;
    private final ReviewConfig config;

    public ReviewSweep(Pool pool, OutboxWriter outbox, ReviewConfig config) {
        this.pool = pool;
        this.outbox = outbox;
        this.config = config;
    }

    @Scheduled(every = "${lexguard.feed.review.check-interval}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> sweep() {
        return run().onFailure().invoke(e -> Log.warnf("feed review check failed, retrying next time: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One pass over every firm whose period ended; returns how many events it published. */
    public Uni<Integer> run() {
        return pool.preparedQuery(PERIODS).execute(Tuple.of((double) config.overdueAfter().toSeconds())).chain(rows -> {
            List<Row> periods = new ArrayList<>();
            rows.forEach(periods::add);
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (Row row : periods) {
                chain = chain.chain(sent -> announce(row, "due").map(done -> sent + done));
                if (row.getBoolean(5)) {
                    chain = chain.chain(sent -> announce(row, "overdue").map(done -> sent + done));
                }
            }
            return chain;
        });
    }

    private Uni<Integer> announce(Row period, String kind) {
        UUID firmId = period.getUUID(0);
        OffsetDateTime start = period.getOffsetDateTime(1);
        return pool.withTransaction(connection -> connection.preparedQuery(MARK).execute(Tuple.of(firmId, start, kind)).chain(marked -> {
            if (marked.size() == 0) {
                return Uni.createFrom().item(0);
            }
            return reviewers(connection, firmId).chain(reviewers -> {
                String interval = Period.ofDays(period.getInteger(2)).toString();
                Instant dueAt = period.getOffsetDateTime(3).toInstant();
                Object data = "due".equals(kind)
                        ? new ReviewDue(start.toInstant(), dueAt, interval, reviewers.ids(), reviewers.administrators())
                        : new ReviewOverdue(start.toInstant(), dueAt, period.getOffsetDateTime(4).toInstant(), interval, reviewers.ids(),
                                reviewers.administrators());
                String type = "due".equals(kind) ? ReviewEvents.DUE : ReviewEvents.OVERDUE;
                return outbox.appendEvent(connection, EventDraft.of(type, firmId.toString(), firmId, FeedActs.SYSTEM_ACTOR,
                        ActorType.SYSTEM, data)).replaceWith(1);
            });
        }));
    }

    private Uni<Reviewers> reviewers(SqlConnection connection, UUID firmId) {
        return connection.preparedQuery(REVIEWERS).execute(Tuple.of(firmId)).map(rows -> {
            List<UUID> ids = new ArrayList<>();
            boolean administrators = true;
            for (Row row : rows) {
                administrators = row.getBoolean(0);
                if (row.getUUID(1) != null) {
                    ids.add(row.getUUID(1));
                }
            }
            return new Reviewers(ids, administrators);
        });
    }

    private record Reviewers(List<UUID> ids, boolean administrators) {
    }

    /** Data of {@code dev.lexguard.feed.review.due}. */
    public record ReviewDue(Instant periodStart, Instant dueAt, String interval, List<UUID> reviewers, boolean reviewersAreAdministrators) {
    }

    /** Data of {@code dev.lexguard.feed.review.overdue}. */
    public record ReviewOverdue(Instant periodStart, Instant dueAt, Instant overdueAt, String interval, List<UUID> reviewers,
            boolean reviewersAreAdministrators) {
    }
}
