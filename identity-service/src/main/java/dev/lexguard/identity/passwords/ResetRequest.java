package dev.lexguard.identity.passwords;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PasswordResetRequest")
public record ResetRequest(@NotNull @Size(max = 1000) @Schema(example = "ada@harbourlane.example") String email) {
}
