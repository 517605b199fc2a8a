package dev.lexguard.devstack;

import kafka.Kafka;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A single-node KRaft broker and controller in this JVM, run by Kafka's own main class after formatting the
 * storage (with every principal's SCRAM credentials) on first start. It exits when its stdin reaches end of file (the
 * supervisor stopped it or died) or on SIGTERM, shutting the broker down cleanly either way.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: KafkaBrokerMain <server.properties> <credentials.properties>");
            System.exit(2);
        }
        Path configFile = Path.of(args[0]);
        formatOnFirstStart(configFile, Path.of(args[1]));
        // kafka.Kafka runs the broker until the JVM exits and shuts it down in its own shutdown hook;
        // a failed start-up exits the JVM with status 1
        Thread broker = new Thread(() -> Kafka.main(new String[] {configFile.toString()}), "kafka-main");
        broker.start();
        InputStream parent = System.in;
        while (parent.read() >= 0) {
            // the supervisor never writes; end of file means it wants us gone or has died
        }
        System.exit(0);
    }

    /**
     * Formats the storage named by the configuration's {@code log.dirs} unless it holds a formatted cluster already.
     * Every principal's SCRAM credentials are part of the cluster's first metadata, so the broker never runs a moment
     * without them (the controller signs in with PLAIN and needs none).
     */
    static void formatOnFirstStart(Path configFile, Path credentialsFile) throws IOException {
        Properties config = new Properties();
        try (InputStream in = Files.newInputStream(configFile)) {
            config.load(in);
        }
        Path logDir = Path.of(config.getProperty("log.dirs"));
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        List<String> format = new ArrayList<>(List.of(
                "format", "--cluster-id", Uuid.randomUuid().toString(), "--config", configFile.toString()));
        KafkaCredentials.load(credentialsFile).all().forEach((name, password) -> {
            if (!KafkaAccess.CONTROLLER.equals(name)) {
                format.add("--add-scram");
                format.add(KafkaAccess.MECHANISM + "=[name=" + name + ",password=" + password + "]");
            }
        });
        int formatted = StorageTool.execute(format.toArray(String[]::new), System.out);
        if (formatted != 0) {
            System.err.println("formatting the Kafka storage in " + logDir + " failed (" + formatted + ")");
            System.exit(1);
        }
    }
}
