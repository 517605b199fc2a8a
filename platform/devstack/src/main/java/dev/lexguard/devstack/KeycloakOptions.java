package dev.lexguard.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to start a {@link KeycloakServer}.
 *
 * @param httpPort      the HTTP port on 127.0.0.1; 0 picks a free one
 * @param adminUsername the bootstrap administrator of the master realm
 * @param adminPassword its password
 * @param javaHome      the JDK Keycloak runs on; null finds Temurin 25 ({@link KeycloakJava})
 * @param startTimeout  how long to wait until the master realm answers
 * @param arguments     more {@code kc.sh start-dev} options, e.g. SPI settings for a benchmark
 */
public record KeycloakOptions(int httpPort, String adminUsername, String adminPassword, Path javaHome,
        Duration startTimeout, List<String> arguments) {

    public static final String DEFAULT_ADMIN_USERNAME = "admin";
    public static final String DEFAULT_ADMIN_PASSWORD = "lexguard-devstack-admin";

    public KeycloakOptions {
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("httpPort must be 0..65535, was " + httpPort);
        }
        Objects.requireNonNull(adminUsername, "adminUsername");
        Objects.requireNonNull(adminPassword, "adminPassword");
        Objects.requireNonNull(startTimeout, "startTimeout");
        arguments = List.copyOf(arguments);
        if (adminUsername.isBlank() || adminPassword.isBlank()) {
            throw new IllegalArgumentException("the Keycloak administrator needs a user name and a password");
        }
    }

    /** A free port, the default administrator, Temurin 25 found on this machine, 4 minutes to start. */
    public static KeycloakOptions defaults() {
        return new KeycloakOptions(0, DEFAULT_ADMIN_USERNAME, DEFAULT_ADMIN_PASSWORD, null, Duration.ofMinutes(4),
                List.of());
    }

    public KeycloakOptions withHttpPort(int port) {
        return new KeycloakOptions(port, adminUsername, adminPassword, javaHome, startTimeout, arguments);
    }

    public KeycloakOptions withArguments(String... more) {
        List<String> all = new ArrayList<>(arguments);
        all.addAll(List.of(more));
        return new KeycloakOptions(httpPort, adminUsername, adminPassword, javaHome, startTimeout, all);
    }
}
