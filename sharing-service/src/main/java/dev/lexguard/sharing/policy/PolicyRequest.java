package dev.lexguard.sharing.policy;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The firm's sharing policy: default expiry and review interval per contact kind, how many days before expiry
 * the warning event goes out (firm-wide, and optionally per contact kind), how many days after the review date a
 * review is overdue, and whether closing a matter revokes its shares. {@code expiryWarningDaysByKind} is optional:
 * absent (or null) keeps the kinds' current periods, so a client that does not know it changes nothing; a kind set
 * to null in it goes back to the firm-wide period.
 */
public record PolicyRequest(
        @NotNull @Valid KindDays defaultExpiryDays,
        @NotNull @Valid KindDays reviewIntervalDays,
        @NotNull @Min(0) @Max(365) Integer expiryWarningDays,
        @NotNull @Min(0) @Max(365) Integer reviewOverdueAfterDays,
        @NotNull Boolean revokeOnMatterClose,
        @Valid KindWarningDays expiryWarningDaysByKind) {
}
