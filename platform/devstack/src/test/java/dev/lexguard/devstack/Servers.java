package dev.lexguard.devstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.model.Container;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.output.FrameConsumerResultCallback;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.output.ToStringConsumer;

import static org.junit.jupiter.api.Assertions.fail;

/** What the tests need to talk to the servers and watch processes. */
final class Servers {

    private Servers() {
    }

    static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int kafkaPort(ConnectionSettings settings) {
        String server = settings.kafkaBootstrapServers();
        return Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static boolean alive(OptionalLong pid) {
        return pid.isPresent() && alive(pid.getAsLong());
    }

    static void await(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + timeout.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for: " + what);
            }
        }
    }

    /** Both ports closed and the given processes gone, within 15 s. */
    static void awaitStopped(ConnectionSettings settings, long... pids) {
        await(Duration.ofSeconds(15), "PostgreSQL port " + settings.pgPort() + " closed",
                () -> !accepts(settings.pgHost(), settings.pgPort()));
        await(Duration.ofSeconds(15), "Kafka port " + kafkaPort(settings) + " closed",
                () -> !accepts("127.0.0.1", kafkaPort(settings)));
        for (long pid : pids) {
            await(Duration.ofSeconds(15), "process " + pid + " gone", () -> !alive(pid));
        }
    }

    static String descendants() {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                .collect(Collectors.joining("\n"));
    }

    static Connection connect(ConnectionSettings settings, String database) throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(database), settings.pgUser(), settings.pgPassword());
    }

    static void produce(ConnectionSettings settings, String topic, String key, String value) throws Exception {
        Map<String, Object> config = settings.kafkaClientConfig(KafkaAccess.ADMIN);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** Polls a fresh consumer group from the earliest offset until a record with this key arrives. */
    static String consume(ConnectionSettings settings, String topic, String key, Duration timeout) {
        Map<String, Object> config = settings.kafkaClientConfig(KafkaAccess.ADMIN);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "devstack-test-" + System.nanoTime());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        return record.value();
                    }
                }
            }
        }
        return fail("no record with key " + key + " on " + topic + " within " + timeout.toSeconds() + " s");
    }

    /** The containers a container devstack of this JVM runs (they carry its pid). */
    static List<String> containerIds() {
        return DockerClientFactory.lazyClient().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("dev.lexguard.devstack.owner", Long.toString(ProcessHandle.current().pid())))
                .exec().stream().map(Container::getId).toList();
    }

    /** Everything the engine has of the output of this JVM's devstack containers. */
    static String containerLogs() {
        StringBuilder all = new StringBuilder();
        for (String id : containerIds()) {
            ToStringConsumer output = new ToStringConsumer();
            try (LogContainerCmd logs = DockerClientFactory.lazyClient().logContainerCmd(id).withStdOut(true).withStdErr(true)) {
                logs.exec(new FrameConsumerResultCallback() {
                    {
                        addConsumer(OutputFrame.OutputType.STDOUT, output);
                        addConsumer(OutputFrame.OutputType.STDERR, output);
                    }
                }).awaitCompletion(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            all.append(output.toUtf8String());
        }
        return all.toString();
    }
}
