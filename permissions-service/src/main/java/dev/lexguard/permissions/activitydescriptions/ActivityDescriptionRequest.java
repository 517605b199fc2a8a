package dev.lexguard.permissions.activitydescriptions;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.Set;
import java.util.UUID;

/** A billing activity description; {@code groupIds} only (and at least one) when visibility is {@code groups}. */
public record ActivityDescriptionRequest(
        @NotBlank @Size(max = 200) String name,
        @DecimalMin("0.00") @Digits(integer = 10, fraction = 2) BigDecimal defaultRate,
        @Size(max = 100) String category,
        @NotNull Visibility visibility,
        Set<@NotNull UUID> groupIds) {

    Set<UUID> groups() {
        return groupIds == null ? Set.of() : groupIds;
    }
}
