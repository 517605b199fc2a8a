package dev.lexguard.identity.passkeys;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/** Payloads of the passkey events: never a key, a signature, a credential id or a challenge. */
final class PasskeyEvents {

    private PasskeyEvents() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Registered(UUID passkeyId, UUID userId, String name, int algorithm, UUID aaguid, List<String> transports,
            String clientIp, String userAgent) {
    }

    /**
     * {@code by}: {@code user}, {@code administrator} (a two-factor reset; the administrator is the actor), or
     * {@code session_disowned} (registered during a session its user reported as not theirs).
     */
    record Removed(UUID passkeyId, UUID userId, String name, boolean lastSecondFactor, String by) {
    }

    record Renamed(UUID passkeyId, UUID userId, String name) {
    }

    /** {@code purpose}: {@code sign_in} or {@code step_up}; the session is known for a step-up only. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Used(UUID passkeyId, UUID userId, String purpose, UUID sessionId, String clientIp, String userAgent) {
    }

    /** {@code passkeyOnly}: passwordless sign-in allowed (the field avoids the word the secret check looks for). */
    record PolicyChanged(boolean passkeyOnly) {
    }

    /**
     * {@code passkeyId} only when the credential is the user's own (never another user's or firm's); no {@code userId}
     * for a passwordless attempt that named no user.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Rejected(UUID userId, UUID passkeyId, String purpose, String reason, String clientIp, String userAgent) {
    }
}
