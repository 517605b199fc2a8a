package dev.lexguard.feed.chain;

import java.time.Instant;

/** The firm's retention; {@code firmDefault} is true when the firm has not set its own. */
public record RetentionResponse(int retentionDays, boolean firmDefault, Instant updatedAt) {
}
