package dev.lexguard.sharing.review;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One review decision: keep (the next review is set from the firm's interval), revoke, or change-expiry (to
 * {@code expiresAt}; without it, by the default expiry of the contact's kind from now). {@code note} is kept as
 * evidence (and is the revocation reason for revoke).
 */
public record DecisionRequest(
        @NotNull UUID shareId,
        @NotNull @Pattern(regexp = "keep|revoke|change-expiry", message = "must be one of keep, revoke, change-expiry") String decision,
        OffsetDateTime expiresAt,
        @Size(max = 2000) String note) {
}
