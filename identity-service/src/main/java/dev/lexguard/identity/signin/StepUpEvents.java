package dev.lexguard.identity.signin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/** Payloads of the step-up events: never a code. */
final class StepUpEvents {

    private StepUpEvents() {
    }

    /** {@code stepup.succeeded}: {@code method} is {@code otp}, {@code rec} or {@code hwk} (a passkey). */
    record Succeeded(UUID sessionId, UUID userId, String method, String clientIp, String userAgent) {
    }

    /**
     * {@code stepup.failed}: {@code reason} is {@code wrong_code}, {@code replayed_code}, {@code wrong_recovery_code},
     * {@code wrong_passkey}, {@code account_throttled}, {@code ip_throttled} or {@code account_locked}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Failed(UUID sessionId, UUID userId, String reason, String clientIp, String userAgent) {
    }
}
