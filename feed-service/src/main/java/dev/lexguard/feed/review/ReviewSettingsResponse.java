package dev.lexguard.feed.review;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The firm's review settings; {@code administrators} is true when the firm names no reviewers (its administrators
 * review); {@code firmDefault} when it never set any (weekly, administrators).
 */
public record ReviewSettingsResponse(String interval, List<UUID> reviewers, boolean administrators, boolean firmDefault,
        Instant updatedAt, UUID updatedBy) {
}
