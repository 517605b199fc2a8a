package dev.lexguard.identity.keycloak;

import dev.lexguard.identity.users.UserStatus;
import java.util.Set;
import java.util.UUID;

/** A LexGuard user as Keycloak should see them, read in one transaction before the (blocking) sync. */
public record UserSnapshot(UUID userId, UUID firmId, String email, String displayName, UserStatus status,
        String keycloakUserId, Set<UUID> groupIds) {

    /** Deactivated users are disabled in Keycloak; invited and active ones are enabled. */
    public boolean enabled() {
        return status != UserStatus.DEACTIVATED;
    }
}
