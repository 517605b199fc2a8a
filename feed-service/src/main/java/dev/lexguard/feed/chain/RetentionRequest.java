package dev.lexguard.feed.chain;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** How long the firm keeps feed entries, in days (1 to 36,500). */
public record RetentionRequest(@NotNull @Min(1) @Max(36500) Integer retentionDays) {
}
