package dev.lexguard.identity.passkeys;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RenamePasskeyRequest")
public record RenamePasskeyRequest(@NotBlank @Size(max = 64) @Schema(example = "YubiKey 5C (office)") String name) {
}
