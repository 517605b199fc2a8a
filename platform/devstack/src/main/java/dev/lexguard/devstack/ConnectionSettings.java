package dev.lexguard.devstack;

import java.util.Objects;

/** Where the stack's servers listen and how to sign in to PostgreSQL. */
public record ConnectionSettings(String pgHost, int pgPort, String pgUser, String pgPassword, String kafkaBootstrapServers) {

    public ConnectionSettings {
        Objects.requireNonNull(pgHost, "pgHost");
        Objects.requireNonNull(pgUser, "pgUser");
        Objects.requireNonNull(pgPassword, "pgPassword");
        Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
        if (pgPort <= 0 || pgPort > 65535) {
            throw new IllegalArgumentException("pgPort must be between 1 and 65535, was " + pgPort);
        }
    }

    /** {@code jdbc:postgresql://host:port/db} */
    public String jdbcUrl(String database) {
        return "jdbc:" + reactiveUrl(database);
    }

    /** {@code postgresql://host:port/db}, the form {@code quarkus.datasource.reactive.url} takes. */
    public String reactiveUrl(String database) {
        return "postgresql://" + hostForUrl() + ":" + pgPort + "/" + DatabaseNames.check(database);
    }

    private String hostForUrl() {
        return pgHost.contains(":") && !pgHost.startsWith("[") ? "[" + pgHost + "]" : pgHost;
    }
}
