package dev.lexguard.permissions.groups;

import java.time.Instant;
import java.util.UUID;

public record GroupResponse(UUID id, String name, String description, GroupKind kind, Instant createdAt, Instant updatedAt) {

    static GroupResponse of(AccessGroup group) {
        return new GroupResponse(group.id(), group.name(), group.description(), group.kind(), group.createdAt(), group.updatedAt());
    }
}
