package dev.lexguard.permissions.accountpermissions;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record RoleResponse(UUID id, String name, List<String> permissions, Instant createdAt, Instant updatedAt) {
}
