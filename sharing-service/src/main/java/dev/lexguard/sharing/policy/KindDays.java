package dev.lexguard.sharing.policy;

import dev.lexguard.sharing.contactrecords.ContactKind;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** A number of days for each contact kind. */
public record KindDays(
        @NotNull @Min(1) @Max(3650) Integer client,
        @NotNull @Min(1) @Max(3650) Integer coCounsel,
        @NotNull @Min(1) @Max(3650) Integer expert,
        @NotNull @Min(1) @Max(3650) Integer other) {

    public int of(ContactKind kind) {
        return switch (kind) {
            case CLIENT -> client;
            case CO_COUNSEL -> coCounsel;
            case EXPERT -> expert;
            case OTHER -> other;
        };
    }
}
