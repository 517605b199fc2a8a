package dev.lexguard.identity.approvals;

import java.time.Instant;
import java.util.UUID;

/**
 * A request as the device sees it: what to show (where and from what the sign-in comes) and the challenge to sign.
 * Never the number: the user reads it on the web page. {@code location} is null (identity does not locate addresses;
 * sessions-service does, after the session starts).
 */
public record PendingApprovalResponse(UUID id, String challenge, String clientIp, String userAgent, String location,
        Instant createdAt, Instant expiresAt) {
}
