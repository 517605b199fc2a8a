package dev.lexguard.permissions.access;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** Up to 1,000 (user, matter) pairs, answered now or at {@code at} (ISO-8601). */
public record CheckRequest(@NotNull @Size(min = 1, max = AccessService.MAX_BATCH) List<@NotNull @Valid Check> checks, String at) {

    public record Check(@NotNull UUID userId, @NotNull UUID matterId) {
    }
}
