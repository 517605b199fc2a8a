package dev.lexguard.permissions.accountpermissions;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Set;

/** A role: a firm-defined, named bundle of account permissions (e.g. "Billing clerk"). */
public record RoleRequest(@NotBlank @Size(max = 100) String name, @NotNull Set<@NotNull Permission> permissions) {
}
