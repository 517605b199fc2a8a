package dev.lexguard.feed.reading;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * One feed entry as a reader sees it. {@code details} (the event's data: before/after values, an activity
 * description's text ...) and the object's title are null and {@code redacted} is true when the entry concerns an
 * activity description restricted to groups the reader is not in.
 */
public record EntryResponse(UUID id, Instant occurredAt, Instant recordedAt, String type, String category, Actor actor,
        String verb, ObjectRef object, MatterRef matter, String summary, JsonNode details, boolean redacted, String ip,
        String location) {

    /** Who did it: a user (with the display name identity last published), a portal contact or the system. */
    public record Actor(String id, String type, String displayName) {
    }

    public record ObjectRef(String type, String id, String title) {
    }

    public record MatterRef(UUID id, String displayNumber) {
    }
}
