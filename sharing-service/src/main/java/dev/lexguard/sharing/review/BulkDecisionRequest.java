package dev.lexguard.sharing.review;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Decisions on up to 500 shares, applied all together or not at all. */
public record BulkDecisionRequest(@NotNull @Size(min = 1, max = 500) List<@Valid @NotNull DecisionRequest> decisions) {
}
