package dev.lexguard.feed.chain;

import dev.lexguard.feed.FeedConfig;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/** Each firm's retention setting. */
@ApplicationScoped
public class RetentionService {

    private final RetentionSettingRepository settings;
    private final FeedConfig config;

    public RetentionService(RetentionSettingRepository settings, FeedConfig config) {
        this.settings = settings;
        this.config = config;
    }

    @WithSession
    public Uni<RetentionResponse> read(UUID firmId) {
        return settings.findById(firmId).map(this::response);
    }

    @WithTransaction
    public Uni<RetentionResponse> set(UUID firmId, UUID userId, int days) {
        Instant now = Instant.now();
        return settings.findById(firmId).chain(existing -> {
            if (existing == null) {
                return settings.persist(new RetentionSetting(firmId, days, now, userId));
            }
            existing.change(days, now, userId);
            return Uni.createFrom().item(existing);
        }).map(this::response);
    }

    private RetentionResponse response(RetentionSetting setting) {
        return setting == null ? new RetentionResponse(config.defaultRetentionDays(), true, null)
                : new RetentionResponse(setting.retentionDays(), false, setting.updatedAt());
    }
}
