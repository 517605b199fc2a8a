package dev.lexguard.sessions.session;

import java.util.UUID;

/** The registered device whose approval key approved the sign-in, by id and by the name its user gave it. */
public record ApprovedByResponse(UUID deviceId, String deviceName) {
}
