package dev.lexguard.identity.approvals;

import java.time.Instant;
import java.util.UUID;

public record ApprovalKeyResponse(UUID deviceId, Instant registeredAt, boolean replaced) {
}
