package dev.lexguard.identity.twofactor;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One user's two-factor state, for administrators. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "UserTwoFactorStatus")
public record UserTwoFactorStatus(
        UUID userId,
        String email,
        String displayName,
        @Schema(enumeration = {"enabled", "pending", "overdue", "not_enrolled"},
                description = "enabled: an authenticator app or a passkey; pending: enrolment started, not confirmed; "
                        + "overdue: the firm requires it and the grace period is over")
        String state,
        @Schema(description = "When the first of the second factors in use was enabled") Instant enabledAt,
        @Schema(description = "The second factors in use: totp, passkey", example = "[\"passkey\"]") List<String> methods) {
}
