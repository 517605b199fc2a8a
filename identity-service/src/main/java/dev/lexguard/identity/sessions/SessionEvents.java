package dev.lexguard.identity.sessions;

import java.util.List;
import java.util.UUID;

/** Data of the session events sessions-service builds its monitoring view from. */
final class SessionEvents {

    private SessionEvents() {
    }

    record Started(UUID sessionId, UUID userId, String clientIp, String userAgent, List<String> amr, UUID deviceId) {
    }

    record Refreshed(UUID sessionId, UUID userId, String clientIp, String userAgent, UUID deviceId) {
    }

    record Ended(UUID sessionId, UUID userId, String reason, String clientIp, String userAgent, UUID deviceId) {
    }
}
