package dev.lexguard.identity.twofactor;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "TwoFactorPolicyRequest")
public record PolicyRequest(
        @NotNull @Schema(description = "Require two-factor authentication (of every user, or of the groups in groupIds)") Boolean required,
        @NotNull @Min(0) @Max(365) @Schema(description = "Days a user without it may still sign in with the password alone", example = "14") Integer graceDays,
        @Size(max = 100) @Schema(description = "Require it only of the members of these groups (permissions-service groups); absent or empty: of everyone") List<@NotNull UUID> groupIds) {
}
