package dev.lexguard.identity.twofactor;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "TwoFactorConfirmRequest")
public record ConfirmRequest(
        @NotNull @Size(max = 64) @Schema(description = "The current code for the new secret", example = "492039") String code) {

    @Override
    public String toString() {
        return "ConfirmRequest[]";
    }
}
