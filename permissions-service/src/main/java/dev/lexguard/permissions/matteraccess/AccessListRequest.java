package dev.lexguard.permissions.matteraccess;

import jakarta.validation.constraints.NotNull;
import java.util.Set;
import java.util.UUID;

/**
 * A matter's whole access list (it replaces the previous one). {@code groupIds} and {@code userIds} may only be
 * given for {@code restricted}; {@code blockedUserIds} apply in both modes and beat every allow. No cap on entries.
 */
public record AccessListRequest(@NotNull AccessMode mode, Set<@NotNull UUID> groupIds, Set<@NotNull UUID> userIds,
        Set<@NotNull UUID> blockedUserIds) {

    Set<UUID> groups() {
        return groupIds == null ? Set.of() : groupIds;
    }

    Set<UUID> users() {
        return userIds == null ? Set.of() : userIds;
    }

    Set<UUID> blocked() {
        return blockedUserIds == null ? Set.of() : blockedUserIds;
    }
}
