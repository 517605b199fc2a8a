package dev.lexguard.sharing.review;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/** A review decision on the share named by the path (see {@link DecisionRequest}). */
public record ShareDecisionRequest(
        @NotNull @Pattern(regexp = "keep|revoke|change-expiry", message = "must be one of keep, revoke, change-expiry") String decision,
        OffsetDateTime expiresAt,
        @Size(max = 2000) String note) {
}
