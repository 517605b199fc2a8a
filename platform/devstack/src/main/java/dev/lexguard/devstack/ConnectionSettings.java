package dev.lexguard.devstack;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where the stack's servers listen, how to sign in to PostgreSQL, and the file holding the Kafka principals'
 * passwords (every Kafka client signs in with SASL/SCRAM-SHA-512; see {@link KafkaAccess}).
 */
public record ConnectionSettings(String pgHost, int pgPort, String pgUser, String pgPassword, String kafkaBootstrapServers,
        Path kafkaCredentialsFile) {

    public ConnectionSettings {
        Objects.requireNonNull(pgHost, "pgHost");
        Objects.requireNonNull(pgUser, "pgUser");
        Objects.requireNonNull(pgPassword, "pgPassword");
        Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
        Objects.requireNonNull(kafkaCredentialsFile, "kafkaCredentialsFile");
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

    /** The principals' passwords, read from {@link #kafkaCredentialsFile()}. */
    public KafkaCredentials kafkaCredentials() {
        return KafkaCredentials.load(kafkaCredentialsFile);
    }

    /** Kafka client settings (bootstrap servers and SASL) that sign in as {@code principal}. */
    public Map<String, Object> kafkaClientConfig(String principal) {
        return kafkaCredentials().clientConfig(kafkaBootstrapServers, principal);
    }

    private String hostForUrl() {
        return pgHost.contains(":") && !pgHost.startsWith("[") ? "[" + pgHost + "]" : pgHost;
    }
}
