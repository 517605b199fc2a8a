package dev.lexguard.gateway.tokens;

import java.time.Instant;
import java.util.UUID;

/**
 * The claims the gateway needs from a verified access token.
 *
 * @param sessionStart {@code session_start} when present, else {@code auth_time}, else {@code iat}: compared with revocation watermarks
 */
public record VerifiedToken(UUID firmId, UUID subject, UUID sessionId, boolean portal, Instant sessionStart,
        Instant expiresAt) {

    /** Whom the token speaks for. */
    public FirmUser user() {
        return new FirmUser(firmId, subject);
    }
}
