package dev.lexguard.identity.sessions;

import java.util.List;
import java.util.UUID;

/** Data of the session events sessions-service builds its monitoring view from. */
public final class SessionEvents {

    private SessionEvents() {
    }

    /** {@code approvedBy} names the registered device that approved the sign-in (phone approval), else null. */
    record Started(UUID sessionId, UUID userId, String clientIp, String userAgent, List<String> amr, UUID deviceId,
            ApprovedBy approvedBy) {

        Started(UUID sessionId, UUID userId, String clientIp, String userAgent, List<String> amr, UUID deviceId) {
            this(sessionId, userId, clientIp, userAgent, amr, deviceId, null);
        }
    }

    /** The device whose approval key approved a sign-in, by id and by the name its user gave it. */
    public record ApprovedBy(UUID deviceId, String deviceName) {
    }

    record Refreshed(UUID sessionId, UUID userId, String clientIp, String userAgent, UUID deviceId) {
    }

    record Ended(UUID sessionId, UUID userId, String reason, String clientIp, String userAgent, UUID deviceId) {
    }
}
