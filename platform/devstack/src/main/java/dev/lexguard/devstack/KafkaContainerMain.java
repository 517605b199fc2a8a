package dev.lexguard.devstack;

import kafka.Kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The entry point of the devstack's Kafka image ({@code lexguard/devstack-kafka}, built by deploy/images): the same
 * single-node KRaft broker as {@link KafkaBrokerMain}, configured from the environment, running until SIGTERM.
 * <ul>
 * <li>{@code LEXGUARD_KAFKA_PORT}: the client listener's port inside the container, also the advertised one (the
 * container is published on the same port of the host's loopback, so clients and broker agree on one address);</li>
 * <li>{@code LEXGUARD_KAFKA_ADVERTISED_HOST}: the host clients reach it on, 127.0.0.1 by default;</li>
 * <li>{@code LEXGUARD_KAFKA_CREDENTIALS}: the principals' passwords, the file a {@link ContainerStack} copies in.</li>
 * </ul>
 */
public final class KafkaContainerMain {

    static final String CREDENTIALS = "/etc/lexguard/kafka/credentials.properties";
    static final String DATA = "/var/lib/lexguard/kafka";
    static final int CONTROLLER_PORT = 9093;

    private KafkaContainerMain() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("LEXGUARD_KAFKA_PORT", "9092"));
        String advertised = System.getenv().getOrDefault("LEXGUARD_KAFKA_ADVERTISED_HOST", Protocol.HOST);
        Path credentials = Path.of(System.getenv().getOrDefault("LEXGUARD_KAFKA_CREDENTIALS", CREDENTIALS));
        Path data = Files.createDirectories(Path.of(System.getenv().getOrDefault("LEXGUARD_KAFKA_DATA", DATA)));
        Path config = data.resolve("server.properties");
        // the file holds the controller's and the administrator's passwords: its owner alone may read it
        Files.deleteIfExists(config);
        Files.createFile(config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(config, KafkaBroker.serverProperties(KafkaCredentials.load(credentials), "0.0.0.0", advertised,
                port, CONTROLLER_PORT, data.resolve("logs")));
        KafkaBrokerMain.formatOnFirstStart(config, credentials);
        // runs the broker until SIGTERM, then shuts it down cleanly in Kafka's own shutdown hook
        Kafka.main(new String[] {config.toString()});
    }
}
