package dev.lexguard.sharing.policy;

import java.time.Instant;
import java.util.UUID;

/**
 * The firm's sharing policy; {@code updatedAt}/{@code updatedBy} are null while the defaults apply. In
 * {@code expiryWarningDaysByKind} a null kind uses the firm-wide {@code expiryWarningDays}.
 */
public record PolicyResponse(KindDays defaultExpiryDays, KindDays reviewIntervalDays, int expiryWarningDays, int reviewOverdueAfterDays,
        boolean revokeOnMatterClose, Instant updatedAt, UUID updatedBy, KindWarningDays expiryWarningDaysByKind) {

    public static PolicyResponse of(SharingPolicy p) {
        return new PolicyResponse(p.defaultExpiryDays(), p.reviewIntervalDays(), p.expiryWarningDays(), p.reviewOverdueAfterDays(),
                p.revokeOnMatterClose(), Instant.EPOCH.equals(p.updatedAt()) ? null : p.updatedAt(), p.updatedBy(),
                p.expiryWarningDaysByKind());
    }
}
