package dev.lexguard.permissions.matteraccess;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A matter's access list, now or as it was at {@code at}. */
public record AccessListResponse(UUID matterId, AccessMode mode, List<Principal> groups, List<Principal> users,
        List<Principal> blockedUsers, Integer version, Instant at) {

    /** A group or user on the list, with its name. */
    public record Principal(UUID id, String name) {
    }
}
