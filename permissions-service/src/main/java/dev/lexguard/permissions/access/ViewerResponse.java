package dev.lexguard.permissions.access;

import dev.lexguard.permissions.rules.GroupRef;
import dev.lexguard.permissions.rules.Reason;
import java.util.List;
import java.util.UUID;

/** A user who may see the matter, and why. */
public record ViewerResponse(UUID userId, String displayName, Reason reason, List<GroupRef> groups) {
}
