package dev.lexguard.devstack;

/** Where a Keycloak answers and its master realm's administrator, as tests need them. */
public record KeycloakSettings(String url, String adminUsername, String adminPassword) {

    @Override
    public String toString() {
        return "KeycloakSettings[url=" + url + ", adminUsername=" + adminUsername + "]";
    }
}
