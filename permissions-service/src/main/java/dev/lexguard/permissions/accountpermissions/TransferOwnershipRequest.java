package dev.lexguard.permissions.accountpermissions;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

public record TransferOwnershipRequest(@NotNull UUID userId) {
}
