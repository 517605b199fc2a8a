package dev.lexguard.permissions.groups;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A group's name (unique in the firm, ignoring case), description and kind. */
public record GroupRequest(@NotBlank @Size(max = 100) String name, @Size(max = 1000) String description,
        @NotNull GroupKind kind) {
}
