package dev.lexguard.devstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How to start a devstack. Port 0 means a random free port; a null data directory means an ephemeral one
 * that is deleted when the stack stops.
 */
public record DevStackOptions(int pgPort, int kafkaPort, Path dataDir, List<String> databases) {

    /** The databases every devstack has: one per service. */
    public static final List<String> SERVICE_DATABASES = List.of("identity", "permissions", "sharing", "sessions", "feed", "mailer", "console");

    public DevStackOptions {
        checkPort(pgPort, "pgPort");
        checkPort(kafkaPort, "kafkaPort");
        Set<String> names = new LinkedHashSet<>(SERVICE_DATABASES);
        for (String name : Objects.requireNonNull(databases, "databases")) {
            names.add(DatabaseNames.check(name));
        }
        databases = List.copyOf(names);
        dataDir = dataDir == null ? null : dataDir.toAbsolutePath().normalize();
    }

    /** A private stack: random free ports, ephemeral data, the service databases. */
    public static DevStackOptions defaults() {
        return new DevStackOptions(0, 0, null, List.of());
    }

    public DevStackOptions withPgPort(int port) {
        return new DevStackOptions(port, kafkaPort, dataDir, databases);
    }

    public DevStackOptions withKafkaPort(int port) {
        return new DevStackOptions(pgPort, port, dataDir, databases);
    }

    /** Keeps PostgreSQL data and Kafka logs in this directory, so they survive a restart. */
    public DevStackOptions withDataDir(Path dir) {
        return new DevStackOptions(pgPort, kafkaPort, Objects.requireNonNull(dir, "dir"), databases);
    }

    /** Extra databases, created next to the service databases. */
    public DevStackOptions withDatabases(String... names) {
        List<String> all = new ArrayList<>(databases);
        all.addAll(Arrays.asList(names));
        return new DevStackOptions(pgPort, kafkaPort, dataDir, all);
    }

    private static void checkPort(int port, String name) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be between 0 and 65535, was " + port);
        }
    }
}
