package dev.lexguard.devstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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

    /** The principals' passwords beside the broker's storage (made with it, see {@link #launch()}). */
    Path credentialsFile() {
        return dataDir.resolve(KafkaCredentials.FILE_NAME);
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
        KafkaCredentials credentials = credentials();
        Path config = dataDir.resolve("server.properties");
        // the file holds the controller's and the administrator's passwords: its owner alone may read it
        Files.deleteIfExists(config);
        Files.createFile(config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(config, serverProperties(credentials, Protocol.HOST, Protocol.HOST, port, controllerPort,
                dataDir.resolve("logs")));
        List<String> command = List.of(
                SupervisorClasspath.javaExecutable().toString(),
                "-Xms128m", "-Xmx512m", "-Xshare:auto",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + DevStackMain.LOG_CONFIG,
                "-D" + DevStackMain.LOG_FILE_PROPERTY + "=" + logDir.resolve("kafka.log"),
                "-cp", SupervisorClasspath.asClasspath(),
                KafkaBrokerMain.class.getName(),
                config.toString(), credentialsFile().toString());
        ProcessBuilder.Redirect console = ProcessBuilder.Redirect.appendTo(logDir.resolve("kafka-console.log").toFile());
        process = new ProcessBuilder(command).redirectOutput(console).redirectError(console).start();
    }

    /**
     * The passwords to format the storage with, or those it was formatted with. Storage formatted without a
     * credentials file (a data directory from before the bus had authentication) cannot be signed in to, so its Kafka
     * logs are dropped and formatted anew; a principal added since gets a password here and its user at start-up.
     */
    private KafkaCredentials credentials() throws IOException {
        Path logs = dataDir.resolve("logs");
        boolean formatted = Files.exists(logs.resolve("meta.properties"));
        if (formatted && Files.exists(credentialsFile())) {
            KafkaCredentials known = KafkaCredentials.load(credentialsFile());
            if (!known.coversEveryPrincipal()) {
                known = known.withMissingPrincipals();
                known.write(credentialsFile());
            }
            return known;
        }
        if (formatted) {
            System.err.println("Kafka storage in " + logs + " has no credentials file: formatting it anew");
            if (!TempDirJanitor.deleteRecursively(logs)) {
                throw new IOException("could not delete " + logs);
            }
        }
        KafkaCredentials fresh = KafkaCredentials.generate();
        fresh.write(credentialsFile());
        return fresh;
    }

    /**
     * Blocks until the broker answers the administrator's metadata request, then brings users, topics and ACLs to
     * {@link KafkaAccess}; fails when the broker's JVM exits first.
     */
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
        KafkaCredentials credentials = KafkaCredentials.load(credentialsFile());
        Map<String, Object> config = KafkaAdmin.adminConfig(bootstrapServers(), credentials);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        try (Admin admin = Admin.create(config)) {
            while (true) {
                checkAlive(broker);
                checkDeadline(deadline, timeout);
                try {
                    Collection<Node> nodes = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    if (!nodes.isEmpty()) {
                        break;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    Thread.sleep(200);
                }
            }
        }
        KafkaAdmin.converge(bootstrapServers(), credentials);
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

    /**
     * Clients sign in with SASL/SCRAM-SHA-512 on the one client listener (the broker itself too, as the super user
     * {@code admin}); the controller listener takes SASL/PLAIN for the controller's own principal only (KRaft cannot
     * use SCRAM there: those credentials live in the metadata the controller serves). The StandardAuthorizer refuses
     * whatever no ACL allows. In a container the client listener binds every interface ({@code listenHost}) and
     * advertises the published address; the controller listener stays on the loopback either way.
     */
    static String serverProperties(KafkaCredentials credentials, String listenHost, String advertisedHost, int port,
            int controllerPort, Path logs) {
        String controllerPassword = credentials.password(KafkaAccess.CONTROLLER);
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + Protocol.HOST + ":" + controllerPort,
                "listeners=CLIENTS://" + listenHost + ":" + port + ",CONTROLLER://" + Protocol.HOST + ":" + controllerPort,
                "advertised.listeners=CLIENTS://" + advertisedHost + ":" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=CLIENTS",
                "listener.security.protocol.map=CLIENTS:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT",
                "sasl.enabled.mechanisms=" + KafkaAccess.MECHANISM,
                "sasl.mechanism.inter.broker.protocol=" + KafkaAccess.MECHANISM,
                "sasl.mechanism.controller.protocol=PLAIN",
                "listener.name.clients.sasl.enabled.mechanisms=" + KafkaAccess.MECHANISM,
                "listener.name.clients.scram-sha-512.sasl.jaas.config="
                        + KafkaCredentials.jaasConfig(KafkaAccess.ADMIN, credentials.password(KafkaAccess.ADMIN)),
                "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
                "listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"" + KafkaAccess.CONTROLLER + "\" password=\"" + controllerPassword + "\" user_"
                        + KafkaAccess.CONTROLLER + "=\"" + controllerPassword + "\";",
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "super.users=User:" + KafkaAccess.ADMIN + ";User:" + KafkaAccess.CONTROLLER,
                "allow.everyone.if.no.acl.found=false",
                "log.dirs=" + logs,
                "num.partitions=3",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                // only a principal allowed to create topics (the administrator) can have one made by naming it
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
                "");
    }
}
