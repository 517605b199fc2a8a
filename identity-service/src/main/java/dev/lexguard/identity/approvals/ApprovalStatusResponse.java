package dev.lexguard.identity.approvals;

import java.time.Instant;
import java.util.UUID;

/** The request is still waiting for the device. */
public record ApprovalStatusResponse(UUID requestId, String status, Instant expiresAt) {
}
