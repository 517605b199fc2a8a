package dev.lexguard.sharing.policy;

import dev.lexguard.sharing.contactrecords.ContactKind;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** The expiry warning period of each contact kind that has its own; null means the firm-wide period applies. */
public record KindWarningDays(
        @Min(1) @Max(365) Integer client,
        @Min(1) @Max(365) Integer coCounsel,
        @Min(1) @Max(365) Integer expert,
        @Min(1) @Max(365) Integer other) {

    public static final KindWarningDays NONE = new KindWarningDays(null, null, null, null);

    /** The kind's own period, or null. */
    public Integer of(ContactKind kind) {
        return switch (kind) {
            case CLIENT -> client;
            case CO_COUNSEL -> coCounsel;
            case EXPERT -> expert;
            case OTHER -> other;
        };
    }
}
