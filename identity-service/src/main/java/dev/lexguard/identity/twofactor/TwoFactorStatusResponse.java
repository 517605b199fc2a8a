package dev.lexguard.identity.twofactor;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "TwoFactorStatusResponse")
public record TwoFactorStatusResponse(boolean enabled, boolean pending, Instant enabledAt, int recoveryCodesRemaining) {

    static TwoFactorStatusResponse of(TwoFactorService.Status status) {
        return new TwoFactorStatusResponse(status.enabled(), status.pending(), status.enabledAt(),
                status.recoveryCodesRemaining());
    }
}
