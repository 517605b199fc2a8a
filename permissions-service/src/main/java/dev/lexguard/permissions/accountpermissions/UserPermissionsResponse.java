package dev.lexguard.permissions.accountpermissions;

import java.util.List;
import java.util.UUID;

/** A user's account permissions: {@code permissions} is the effective set (direct, roles, ownership). */
public record UserPermissionsResponse(UUID userId, String displayName, String status, boolean owner,
        List<String> permissions, List<String> directPermissions, List<RoleRef> roles) {

    public record RoleRef(UUID id, String name) {
    }
}
