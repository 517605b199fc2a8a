package dev.lexguard.devstack;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code java -jar lexguard-devstack.jar console-consumer [--principal NAME] [--state-file FILE] KAFKA-OPTIONS...}:
 * Kafka's own console consumer, signed in to the running devstack as one principal (by default the read-only
 * {@code integrator}) with a client configuration file of that principal's, in a consumer group named with its
 * prefix. The broker decides what it may read, exactly as for any integrator.
 */
public final class ConsoleConsumerMain {

    private ConsoleConsumerMain() {
    }

    public static void main(String[] args) throws Exception {
        String principal = KafkaAccess.INTEGRATOR.name();
        Path stateFile = StateFile.defaultPath();
        List<String> options = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--principal" -> principal = value(args, ++i);
                case "--state-file" -> stateFile = Path.of(value(args, ++i));
                default -> options.add(args[i]);
            }
        }
        ConnectionSettings settings = StateFile.findRunning(stateFile).orElseThrow(() -> new IllegalStateException(
                "no running devstack found through " + StateFile.defaultPath() + ": start one with java -jar lexguard-devstack.jar"))
                .settings();
        Path config = Files.createTempFile("lexguard-kafka-client-", ".properties",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        config.toFile().deleteOnExit();
        try (Writer out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, Object> entry : settings.kafkaClientConfig(principal).entrySet()) {
                out.write(entry.getKey() + "=" + entry.getValue().toString().replace("\\", "\\\\") + "\n");
            }
        }
        List<String> consumer = new ArrayList<>(List.of("--bootstrap-server", settings.kafkaBootstrapServers(),
                "--consumer.config", config.toString()));
        if (!options.contains("--group")) {
            consumer.addAll(List.of("--group", principal + "-console-" + UUID.randomUUID()));
        }
        consumer.addAll(options);
        org.apache.kafka.tools.consumer.ConsoleConsumer.main(consumer.toArray(String[]::new));
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
