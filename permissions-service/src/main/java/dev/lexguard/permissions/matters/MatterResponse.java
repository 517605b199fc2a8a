package dev.lexguard.permissions.matters;

import dev.lexguard.permissions.matterrecords.Matter;
import java.time.Instant;
import java.util.UUID;

public record MatterResponse(UUID id, String displayNumber, String description, UUID clientContactId,
        UUID responsibleAttorneyId, String practiceArea, String status, int accessVersion, Instant createdAt, Instant updatedAt) {

    public static MatterResponse of(Matter matter) {
        return new MatterResponse(matter.id(), matter.displayNumber(), matter.description(), matter.clientContactId(),
                matter.responsibleAttorneyId(), matter.practiceArea(), matter.status(), matter.accessVersion(),
                matter.createdAt(), matter.updatedAt());
    }
}
