package dev.lexguard.sharing.shares;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What to share with whom. {@code expiresAt} is optional: without it the firm's default for the contact's kind
 * applies.
 */
public record ShareRequest(
        @NotNull UUID contactId,
        @NotNull UUID matterId,
        @NotNull @Pattern(regexp = RESOURCE_TYPES, message = "must be one of " + RESOURCE_TYPE_LIST) String resourceType,
        @NotBlank @Size(max = 200) String resourceId,
        @NotBlank @Size(max = 500) String title,
        @NotNull @Pattern(regexp = ACCESS_LEVELS, message = "must be one of view, download, comment, upload") String accessLevel,
        @Size(max = 2000) String message,
        OffsetDateTime expiresAt) {

    public static final String RESOURCE_TYPES = "document|folder|calendar-entry|task|communication|note|bill|matter";
    public static final String RESOURCE_TYPE_LIST = "document, folder, calendar-entry, task, communication, note, bill, matter";
    public static final String ACCESS_LEVELS = "view|download|comment|upload";
}
