package dev.lexguard.permissions.activitydescriptions;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record ActivityDescriptionResponse(UUID id, String name, BigDecimal defaultRate, String category, Visibility visibility,
        List<UUID> groupIds, Instant createdAt, Instant updatedAt) {
}
