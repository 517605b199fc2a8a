package dev.lexguard.identity.twofactor;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "TwoFactorPolicyRequest")
public record PolicyRequest(
        @NotNull @Schema(description = "Require two-factor authentication of every user") Boolean required,
        @NotNull @Min(0) @Max(365) @Schema(description = "Days a user without it may still sign in with the password alone", example = "14") Integer graceDays) {
}
