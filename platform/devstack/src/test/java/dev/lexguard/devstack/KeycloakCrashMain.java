package dev.lexguard.devstack;

/** A throwaway JVM for the Keycloak crash test: starts Keycloak, prints its pid and port, then waits to be killed. */
public final class KeycloakCrashMain {

    private KeycloakCrashMain() {
    }

    public static void main(String[] args) throws Exception {
        KeycloakServer server = KeycloakServer.start(KeycloakOptions.defaults());
        System.out.println("KEYCLOAK " + server.pid() + " " + server.httpPort() + " " + server.logFile().getParent());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
