package dev.lexguard.identity.keycloak;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one user's sync did in Keycloak.
 *
 * @param keycloakUserId the Keycloak account, or null when there is none and none was wanted (a deactivated user
 *                       never provisioned)
 * @param action         created, updated, disabled, enabled or unchanged
 * @param changes        each repair, as reconciliation reports it
 * @param groupsCreated  LexGuard groups that had no Keycloak group yet, with the one made now
 */
public record SyncResult(UUID userId, String keycloakUserId, String action, boolean sessionsLoggedOut, int groupsAdded,
        int groupsRemoved, List<Change> changes, Map<UUID, String> groupsCreated) {

    public record Change(String change, UUID groupId) {
    }
}
