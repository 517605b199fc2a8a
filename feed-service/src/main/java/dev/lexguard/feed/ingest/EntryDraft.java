package dev.lexguard.feed.ingest;

import java.time.Instant;
import java.util.UUID;

/**
 * Everything an entry's hash covers: what the event says happened, in the feed's words. The chain position
 * (seq) and the hash itself are added when the entry is appended.
 */
public record EntryDraft(
        UUID id,
        UUID firmId,
        Instant occurredAt,
        String eventType,
        String source,
        String category,
        boolean adminOnly,
        String actorId,
        String actorType,
        String verb,
        String objectType,
        String objectId,
        String objectTitle,
        UUID matterId,
        UUID activityDescriptionId,
        String summary,
        String details,
        String ip,
        String location) {
}
