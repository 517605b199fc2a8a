package dev.lexguard.identity.approvals;

import java.time.Instant;
import java.util.UUID;

/** The request, the number the web page shows, the device it went to, and until when it can be answered. */
public record StartApprovalResponse(UUID requestId, String number, UUID deviceId, String deviceName, Instant expiresAt) {
}
