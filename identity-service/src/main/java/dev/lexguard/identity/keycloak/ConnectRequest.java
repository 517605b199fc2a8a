package dev.lexguard.identity.keycloak;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Connects the firm to a Keycloak realm. The client is a confidential client of that realm with a service account
 * holding realm-management's manage-users and manage-clients (view-users, query-groups, view-clients come with them).
 */
public record ConnectRequest(
        @NotBlank @Size(max = 2048) String serverUrl,
        @NotBlank @Size(max = 255) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "letters, digits, dot, dash, underscore")
        String realm,
        @NotBlank @Size(max = 255) String clientId,
        @NotBlank @Size(max = 512) String clientSecret) {

    @Override
    public String toString() {
        return "ConnectRequest[serverUrl=" + serverUrl + ", realm=" + realm + ", clientId=" + clientId + "]";
    }
}
