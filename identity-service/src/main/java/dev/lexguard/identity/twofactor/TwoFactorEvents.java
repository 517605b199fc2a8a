package dev.lexguard.identity.twofactor;

import java.util.List;
import java.util.UUID;

/** Data of the two-factor events: who and what happened, never a secret, code or QR content. */
final class TwoFactorEvents {

    private TwoFactorEvents() {
    }

    record Enabled(UUID userId, String method, boolean replacedPrevious) {
    }

    record Disabled(UUID userId, String by) {
    }

    record ReplayRejected(UUID userId, String context) {
    }

    record RecoveryUsed(UUID userId, int remaining) {
    }

    record PolicyChanged(boolean required, int graceDays, List<UUID> groupIds) {
    }

    record RecoveryRegenerated(UUID userId) {
    }
}
