package dev.lexguard.identity.keycloak;

import java.util.Objects;
import java.util.UUID;

/**
 * A realm and the service account LexGuard uses there, with the secret in the clear: it lives only while a
 * connection is set up or a job runs, and never reaches a log ({@link #toString()} leaves it out).
 */
public record KeycloakTarget(UUID firmId, String serverUrl, String realm, String clientId, String clientSecret) {

    public KeycloakTarget {
        Objects.requireNonNull(firmId, "firmId");
        Objects.requireNonNull(serverUrl, "serverUrl");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
    }

    @Override
    public String toString() {
        return "KeycloakTarget[firmId=" + firmId + ", serverUrl=" + serverUrl + ", realm=" + realm + ", clientId="
                + clientId + "]";
    }
}
