package dev.lexguard.identity.keycloak;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What a reconciliation found different in Keycloak and changed back, user by user. */
public record ReconciliationResponse(Instant reconciledAt, int usersChecked, List<Change> changes,
        List<Failure> failures) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(UUID userId, String keycloakUserId, String change, UUID groupId) {
    }

    /** A user whose sync failed; the provisioning queue retries it. */
    public record Failure(UUID userId, String error) {
    }
}
