package dev.lexguard.feed.reading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One feed entry as a reader sees it. {@code details} (the event's data: before/after values, an activity
 * description's text ...) and the object's title are null and {@code redacted} is true when the entry concerns an
 * activity description restricted to groups the reader is not in. {@code changes} is each field a change event
 * changed, before and after, read from the details' {@code previous} when the entry is shown (the stored entry and
 * its hash are as ingested); empty for other events and for redacted entries.
 */
public record EntryResponse(UUID id, Instant occurredAt, Instant recordedAt, String type, String category, Actor actor,
        String verb, ObjectRef object, MatterRef matter, String summary, JsonNode details, boolean redacted, String ip,
        String location, List<Change> changes) {

    /** The field changes in a change event's data: one per field its {@code previous} holds, in that order. */
    public static List<Change> changes(JsonNode details) {
        JsonNode previous = details == null ? null : details.get("previous");
        if (previous == null || !previous.isObject()) {
            return List.of();
        }
        List<Change> changes = new ArrayList<>();
        previous.fields().forEachRemaining(field -> changes.add(new Change(field.getKey(), field.getValue(),
                details.has(field.getKey()) ? details.get(field.getKey()) : NullNode.getInstance())));
        return List.copyOf(changes);
    }

    /** A changed field of the event's data: its value before the change and after it. */
    public record Change(String field, JsonNode before, JsonNode after) {
    }

    /** Who did it: a user (with the display name identity last published), a portal contact or the system. */
    public record Actor(String id, String type, String displayName) {
    }

    public record ObjectRef(String type, String id, String title) {
    }

    public record MatterRef(UUID id, String displayNumber) {
    }
}
