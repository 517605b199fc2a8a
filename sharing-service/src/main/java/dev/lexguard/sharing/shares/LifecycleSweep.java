package dev.lexguard.sharing.shares;

import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import dev.lexguard.sharing.Database;
import dev.lexguard.sharing.SharingEvents;
import dev.lexguard.sharing.policy.SharingPolicy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes down what time has already decided. Expired shares stop working at their expiry whatever this does
 * (every read compares {@code expires_at} with now); the sweep makes it durable and announces it: share.expired,
 * share.expiring (once, the warning period of the contact's kind before expiry, with the links a mailer needs), review.due and review.overdue. Each step locks
 * its rows with {@code skip locked}, so replicas can sweep side by side without publishing twice.
 */
@ApplicationScoped
public class LifecycleSweep {

    static final int BATCH = 200;
    static final String EXPIRED = """
            select s.id from share s where s.status = 'active' and s.expires_at <= now()
            order by s.expires_at limit %d for update skip locked""".formatted(BATCH);
    // the contact's kind picks its own warning period, else the firm-wide one, else the default
    static final String EXPIRING = """
            select s.id, c.kind, w.days from share s
              join contact c on c.id = s.contact_id
              left join sharing_policy p on p.firm_id = s.firm_id
              cross join lateral (select coalesce(case c.kind when 'client' then p.warning_days_client
                                                               when 'co-counsel' then p.warning_days_co_counsel
                                                               when 'expert' then p.warning_days_expert
                                                               else p.warning_days_other end,
                                                  p.expiry_warning_days, %d) as days) w
            where s.status = 'active' and s.expiry_warned_at is null and s.expires_at > now()
              and s.expires_at <= now() + make_interval(days => w.days)
            order by s.expires_at limit %d for update of s skip locked""".formatted(SharingPolicy.DEFAULT_WARNING_DAYS, BATCH);
    static final String REVIEW_DUE = """
            select s.id from share s where s.status = 'active' and s.expires_at > now() and s.review_due_sent_at is null
              and s.next_review_at <= now()
            order by s.next_review_at limit %d for update skip locked""".formatted(BATCH);
    static final String REVIEW_OVERDUE = """
            select s.id from share s left join sharing_policy p on p.firm_id = s.firm_id
            where s.status = 'active' and s.expires_at > now() and s.review_overdue_sent_at is null
              and s.next_review_at + make_interval(days => coalesce(p.review_overdue_after_days, %d)) <= now()
            order by s.next_review_at limit %d for update of s skip locked""".formatted(SharingPolicy.DEFAULT_OVERDUE_AFTER_DAYS, BATCH);

    private final Database db;
    private final ShareRepository shares;
    private final OutboxWriter outbox;
    private final ShareLinks links;

    public LifecycleSweep(Database db, ShareRepository shares, OutboxWriter outbox, ShareLinks links) {
        this.db = db;
        this.shares = shares;
        this.outbox = outbox;
        this.links = links;
    }

    @Scheduled(every = "${lexguard.sharing.sweep-interval}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> sweep() {
        return run().onFailure().invoke(e -> Log.warnf("share lifecycle sweep failed, retrying next time: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One pass of every step, each in its own transaction. */
    public Uni<Void> run() {
        return step(EXPIRED, (share, row, now) -> {
            share.expire();
            return event(SharingEvents.SHARE_EXPIRED, share, ShareEventData.of(share).with("expiredAt", share.expiresAt()));
        }).chain(() -> step(EXPIRING, (share, row, now) -> {
            share.warned(now);
            // the links lead to the firm user's authenticated API (through the gateway): they hold no token
            return event(SharingEvents.SHARE_EXPIRING, share, ShareEventData.of(share)
                    .with("daysLeft", Duration.between(now, share.expiresAt()).toDays())
                    .with("contactKind", row[1]).with("warningDays", ((Number) row[2]).intValue())
                    .with("shareUrl", links.share(share.id()).toString()).with("extendUrl", links.extend(share.id()).toString()));
        })).chain(() -> step(REVIEW_DUE, (share, row, now) -> {
            share.reviewDueSent(now);
            return event(SharingEvents.REVIEW_DUE, share, ShareEventData.of(share).with("nextReviewAt", share.nextReviewAt()));
        })).chain(() -> step(REVIEW_OVERDUE, (share, row, now) -> {
            share.reviewOverdueSent(now);
            return event(SharingEvents.REVIEW_OVERDUE, share, ShareEventData.of(share).with("nextReviewAt", share.nextReviewAt()));
        }));
    }

    /** What one step does to a share; {@code row} is the share's row of the step's select (id first). */
    @FunctionalInterface
    private interface Action {
        Uni<Void> apply(Share share, Object[] row, Instant now);
    }

    private Uni<Void> step(String select, Action action) {
        return Panache.withTransaction(() -> db.rows(select, Map.of()).chain(rows -> {
            if (rows.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Map<UUID, Object[]> byId = new HashMap<>();
            rows.forEach(r -> byId.put(Database.uuid(r[0]), r));
            Instant now = Database.now();
            return shares.list("id in ?1", List.copyOf(byId.keySet())).chain(list -> {
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (Share share : list) {
                    chain = chain.call(() -> action.apply(share, byId.get(share.id()), now));
                }
                return chain;
            });
        }));
    }

    private Uni<Void> event(String type, Share share, ShareEventData data) {
        return outbox.append(SharingEvents.aboutShare(type, share.id(), share.firmId(), share.matterId(), SharingEvents.system(),
                ActorType.SYSTEM, data));
    }
}
