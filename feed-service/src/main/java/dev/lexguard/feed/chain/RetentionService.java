package dev.lexguard.feed.chain;

import dev.lexguard.feed.FeedConfig;
import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.outbox.EventDraft;
import dev.lexguard.platform.web.problem.BusinessRuleProblem;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Each firm's retention setting. No firm goes below the deployment's floor ({@code lexguard.feed.retention.floor});
 * every change is an event and an entry of the firm's feed, in the change's own transaction ({@link FeedActs}).
 */
@ApplicationScoped
public class RetentionService {

    private static final String PREVIOUS = "select retention_days from feed_retention where firm_id = $1 for update";
    private static final String UPSERT = """
            insert into feed_retention (firm_id, retention_days, updated_at, updated_by) values ($1, $2, $3, $4)
            on conflict (firm_id) do update set retention_days = excluded.retention_days, updated_at = excluded.updated_at,
              updated_by = excluded.updated_by""";

    private final RetentionSettingRepository settings;
    private final FeedConfig config;
    private final Pool pool;
    private final FeedActs acts;

    public RetentionService(RetentionSettingRepository settings, FeedConfig config, Pool pool, FeedActs acts) {
        this.settings = settings;
        this.config = config;
        this.pool = pool;
        this.acts = acts;
    }

    /** The deployment's floor in whole days. */
    public int floorDays() {
        return (int) config.retention().floor().toDays();
    }

    @WithSession
    public Uni<RetentionResponse> read(UUID firmId) {
        return settings.findById(firmId).map(this::response);
    }

    /** Sets the firm's retention (422 {@code retention-below-floor} below the floor), recording the change. */
    public Uni<RetentionResponse> set(UUID firmId, UUID userId, int days) {
        int floor = floorDays();
        if (days < floor) {
            throw new BusinessRuleProblem("retention-below-floor", "This deployment keeps feed entries for at least " + floor
                    + " days (lexguard.feed.retention.floor = " + config.retention().floor() + "); " + days + " days is below that floor");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return pool.withTransaction(connection -> connection.preparedQuery(PREVIOUS).execute(Tuple.of(firmId)).chain(rows -> {
            boolean wasDefault = rows.size() == 0;
            int previous = wasDefault ? config.defaultRetentionDays() : rows.iterator().next().getInteger(0);
            return connection.preparedQuery(UPSERT).execute(Tuple.of(firmId, days, now.atOffset(ZoneOffset.UTC), userId))
                    .chain(() -> acts.record(connection, EventDraft.of(FeedActs.RETENTION_CHANGED, firmId.toString(), firmId,
                            userId.toString(), ActorType.USER, new RetentionChanged(days, previous, wasDefault, floor))));
        })).replaceWith(new RetentionResponse(days, false, now));
    }

    /** The retention the purge applies: the firm's (or the default), never below the floor. */
    public int effectiveDays(Integer firmDays) {
        return Math.max(firmDays == null ? config.defaultRetentionDays() : firmDays, floorDays());
    }

    private RetentionResponse response(RetentionSetting setting) {
        return setting == null ? new RetentionResponse(config.defaultRetentionDays(), true, null)
                : new RetentionResponse(setting.retentionDays(), false, setting.updatedAt());
    }

    /** Data of {@code dev.lexguard.feed.retention.changed}. */
    public record RetentionChanged(int retentionDays, int previousRetentionDays, boolean previousWasDefault, int floorDays) {
    }
}
