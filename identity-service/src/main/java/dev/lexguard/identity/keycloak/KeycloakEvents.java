package dev.lexguard.identity.keycloak;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The {@code dev.lexguard.identity.keycloak.*} events. None carries a client secret, a token or a code. */
final class KeycloakEvents {

    static final String CONNECTED = "dev.lexguard.identity.keycloak.connected";
    static final String DISCONNECTED = "dev.lexguard.identity.keycloak.disconnected";
    static final String USER_PROVISIONED = "dev.lexguard.identity.keycloak.userProvisioned";
    static final String GROUP_PROVISIONED = "dev.lexguard.identity.keycloak.groupProvisioned";
    static final String PROVISIONING_FAILED = "dev.lexguard.identity.keycloak.provisioningFailed";
    static final String RECONCILED = "dev.lexguard.identity.keycloak.reconciled";
    static final String SECOND_FACTOR_TRUST_CHANGED = "dev.lexguard.identity.keycloak.secondFactorTrustChanged";

    private KeycloakEvents() {
    }

    record Connected(String serverUrl, String realm, String serviceAccountClientId, String signInClientId,
            boolean reconnected, int groupsCreated) {
    }

    /** {@code reason}: owner (the owner chose), realm-changed (connected to another server or realm: cleared). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SecondFactorTrustChanged(boolean trusted, String realm, List<String> acceptedAmr, String reason) {
    }

    record Disconnected(String realm, int jobsDropped) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record UserProvisioned(UUID userId, String keycloakUserId, String action, Boolean sessionsLoggedOut,
            Integer groupsAdded, Integer groupsRemoved) {
    }

    record GroupProvisioned(UUID groupId, String keycloakGroupId, String action) {
    }

    record ProvisioningFailed(long jobId, UUID userId, int attempts, String error, Integer httpStatus,
            Instant nextAttemptAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ReconciledChange(UUID userId, String keycloakUserId, String change, UUID groupId) {
    }

    record Reconciled(String trigger, int usersChecked, List<ReconciledChange> changes) {
    }
}
