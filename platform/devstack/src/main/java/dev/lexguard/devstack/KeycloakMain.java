package dev.lexguard.devstack;

import java.io.IOException;

/**
 * {@code java -cp lexguard-devstack.jar dev.lexguard.devstack.KeycloakMain [--http-port N]}: a Keycloak for local
 * runs and benchmarks. Prints its URL and administrator, runs until stdin ends (Ctrl-D) or SIGTERM/Ctrl-C.
 */
public final class KeycloakMain {

    private KeycloakMain() {
    }

    public static void main(String[] args) throws IOException {
        KeycloakOptions options = KeycloakOptions.defaults();
        for (int i = 0; i < args.length; i++) {
            if ("--http-port".equals(args[i]) && i + 1 < args.length) {
                options = options.withHttpPort(Integer.parseInt(args[++i]));
            } else {
                System.err.println("usage: KeycloakMain [--http-port N]");
                System.exit(2);
            }
        }
        KeycloakServer server = KeycloakServer.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "lexguard-keycloak-stop"));
        System.out.println("Keycloak " + server.url() + " (admin console " + server.url() + "/admin/, user "
                + server.adminUsername() + ", password " + server.adminPassword() + "); pid " + server.pid());
        System.out.println("Ctrl-D or Ctrl-C stops it.");
        while (System.in.read() >= 0) {
            // runs until stdin ends
        }
        System.exit(0);
    }
}
