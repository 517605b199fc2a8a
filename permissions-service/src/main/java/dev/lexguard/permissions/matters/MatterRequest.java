package dev.lexguard.permissions.matters;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lexguard.permissions.matterrecords.Matter;
import dev.lexguard.permissions.matterrecords.MatterDetails;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * A matter to register or the new details of one. {@code id} is the practice-management core's id of the matter
 * (optional on registration: a new id is chosen when absent; ignored on update).
 */
public record MatterRequest(
        UUID id,
        @NotBlank @Size(max = 50) String displayNumber,
        @NotBlank @Size(max = 500) String description,
        UUID clientContactId,
        UUID responsibleAttorneyId,
        @Size(max = 100) String practiceArea,
        Status status) {

    /** A matter is registered open or pending; closing has its own operation. */
    public enum Status {
        @JsonProperty("open")
        OPEN,
        @JsonProperty("pending")
        PENDING
    }

    MatterDetails details() {
        return new MatterDetails(displayNumber.strip(), description.strip(), clientContactId, responsibleAttorneyId,
                practiceArea == null || practiceArea.isBlank() ? null : practiceArea.strip());
    }

    String statusOrOpen() {
        return status == Status.PENDING ? Matter.PENDING : Matter.OPEN;
    }
}
