package dev.lexguard.platform.events.outbox;

import dev.lexguard.platform.events.envelope.ActorType;
import java.util.Objects;
import java.util.UUID;

/**
 * An event a service wants to publish. {@code data} is any object Jackson can serialise (usually a
 * record); it must match the type's schema in the catalogue. {@code matterId} may be null.
 */
public record EventDraft(
        String type,
        String subject,
        UUID firmId,
        String actorId,
        ActorType actorType,
        UUID matterId,
        Object data) {

    public EventDraft {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(firmId, "firmId");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(actorType, "actorType");
        Objects.requireNonNull(data, "data");
    }

    /** An event that does not concern a matter. */
    public static EventDraft of(String type, String subject, UUID firmId, String actorId, ActorType actorType, Object data) {
        return new EventDraft(type, subject, firmId, actorId, actorType, null, data);
    }
}
