package dev.lexguard.feed.chain;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class RetentionSettingRepository implements PanacheRepositoryBase<RetentionSetting, UUID> {
}
