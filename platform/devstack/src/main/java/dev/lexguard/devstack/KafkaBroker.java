package dev.lexguard.devstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The supervisor's handle on the broker JVM ({@link KafkaBrokerMain}). */
final class KafkaBroker {

    private final Path dataDir;
    private final int port;
    private final Path logDir;
    private int controllerPort;
    private Process process;

    KafkaBroker(Path dataDir, int port, Path logDir) {
        this.dataDir = dataDir;
        this.port = port;
        this.logDir = logDir;
    }

    String bootstrapServers() {
        return Protocol.HOST + ":" + port;
    }

    long pid() {
        return process != null && process.isAlive() ? process.pid() : -1;
    }

    /** Launches the broker JVM without waiting for it; see {@link #awaitReady(Duration)}. */
    synchronized void launch() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the Kafka broker is already running (pid " + process.pid() + ")");
        }
        if (!Ports.isFree(port)) {
            throw new IllegalStateException("Kafka port " + port + " is already in use");
        }
        if (controllerPort == 0 || !Ports.isFree(controllerPort)) {
            controllerPort = Ports.freePort();
        }
        Files.createDirectories(dataDir);
        Path config = dataDir.resolve("server.properties");
        Files.writeString(config, serverProperties());
        List<String> command = List.of(
                SupervisorClasspath.javaExecutable().toString(),
                "-Xms128m", "-Xmx512m", "-Xshare:auto",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + DevStackMain.LOG_CONFIG,
                "-D" + DevStackMain.LOG_FILE_PROPERTY + "=" + logDir.resolve("kafka.log"),
                "-cp", SupervisorClasspath.asClasspath(),
                KafkaBrokerMain.class.getName(),
                config.toString());
        ProcessBuilder.Redirect console = ProcessBuilder.Redirect.appendTo(logDir.resolve("kafka-console.log").toFile());
        process = new ProcessBuilder(command).redirectOutput(console).redirectError(console).start();
    }

    /** Blocks until the broker answers a metadata request, or fails when its JVM exits first. */
    void awaitReady(Duration timeout) throws InterruptedException {
        Process broker;
        synchronized (this) {
            broker = process;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Ports.accepts(Protocol.HOST, port)) {
            checkAlive(broker);
            checkDeadline(deadline, timeout);
            Thread.sleep(100);
        }
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        try (Admin admin = Admin.create(config)) {
            while (true) {
                checkAlive(broker);
                checkDeadline(deadline, timeout);
                try {
                    Collection<Node> nodes = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    if (!nodes.isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    Thread.sleep(200);
                }
            }
        }
    }

    /** Closes the broker's stdin (it then shuts down cleanly) and waits for its JVM to exit. */
    synchronized void stop() {
        if (process == null) {
            return;
        }
        Process broker = process;
        process = null;
        try {
            broker.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            if (!broker.waitFor(60, TimeUnit.SECONDS)) {
                broker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            broker.destroyForcibly();
        }
    }

    /** Starts closing the broker's stdin without waiting, so PostgreSQL can stop meanwhile. */
    synchronized void beginStop() {
        if (process != null) {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                // the broker is gone already
            }
        }
    }

    private void checkAlive(Process broker) {
        if (!broker.isAlive()) {
            throw new IllegalStateException("the Kafka broker exited with code " + broker.exitValue()
                    + "; see " + logDir.resolve("kafka.log") + " and " + logDir.resolve("kafka-console.log"));
        }
    }

    private static void checkDeadline(long deadline, Duration timeout) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the Kafka broker did not answer within " + timeout.toSeconds() + " s");
        }
    }

    private String serverProperties() {
        Path logs = dataDir.resolve("logs");
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + Protocol.HOST + ":" + controllerPort,
                "listeners=PLAINTEXT://" + Protocol.HOST + ":" + port + ",CONTROLLER://" + Protocol.HOST + ":" + controllerPort,
                "advertised.listeners=PLAINTEXT://" + Protocol.HOST + ":" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logs,
                "num.partitions=3",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "auto.create.topics.enable=true",
                // one partition for each internal topic: with the defaults (50) restarts take three times longer
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "share.coordinator.state.topic.num.partitions=1",
                "group.initial.rebalance.delay.ms=0",
                "log.retention.hours=168",
                "") ;
    }
}
