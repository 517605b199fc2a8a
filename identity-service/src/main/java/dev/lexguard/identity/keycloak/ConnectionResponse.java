package dev.lexguard.identity.keycloak;

import java.time.Instant;
import java.util.UUID;

/** The firm's Keycloak connection as administrators see it: never a secret. */
public record ConnectionResponse(String serverUrl, String realm, String clientId, String signInClientId,
        String issuer, Instant connectedAt, Instant updatedAt, Instant lastReconciledAt, Queue queue,
        SecondFactorTrust secondFactorTrust) {

    public record Queue(long pending, long failing, Instant oldestPendingSince) {
    }

    /** Whether Keycloak's second factor stands in for LexGuard's at sign-on: the owner's choice, since when, by whom. */
    public record SecondFactorTrust(boolean trusted, Instant since, UUID by) {
    }

    static ConnectionResponse of(KeycloakConnection c, ProvisioningStore.QueueState queue) {
        return new ConnectionResponse(c.serverUrl(), c.realm(), c.adminClientId(), c.signInClientId(), c.issuer(),
                c.connectedAt(), c.updatedAt(), c.lastReconciledAt(),
                new Queue(queue.pending(), queue.failing(), queue.oldestPendingSince()),
                new SecondFactorTrust(c.trustsSecondFactor(), c.secondFactorTrustedAt(), c.secondFactorTrustedBy()));
    }
}
