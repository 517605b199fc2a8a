package dev.lexguard.permissions.accountpermissions;

import jakarta.validation.constraints.NotNull;
import java.util.Set;

/** The permissions a user is to hold directly; replaces the previous direct set. */
public record SetPermissionsRequest(@NotNull Set<@NotNull Permission> permissions) {
}
