package dev.lexguard.feed.review;

import java.time.Instant;
import java.util.UUID;

/** A flagged entry as it was when the review was recorded (the evidence outlives the entry's retention). */
public record FlaggedEntry(UUID id, long seq, String type, String category, Instant occurredAt, String summary, String href) {
}
