package dev.lexguard.identity.users;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "InviteRequest")
public record InviteRequest(
        @NotNull @Size(max = 1000) @Schema(example = "ben@harbourlane.example", maxLength = 254) String email,
        @NotNull @Size(max = 1000) @Schema(example = "Ben Adeyemi", maxLength = 100) String displayName) {
}
