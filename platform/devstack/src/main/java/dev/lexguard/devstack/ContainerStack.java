package dev.lexguard.devstack;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * PostgreSQL and Kafka as containers of the images deploy/images builds ({@code lexguard/devstack-postgres} and
 * {@code lexguard/devstack-kafka}), started through Testcontainers on whatever engine answers (Docker, or podman's
 * Docker-compatible socket). Both are published on the host's loopback only, on ports chosen here: Kafka advertises
 * the address its clients dial, so its port is the same inside and out. Without Ryuk (its image cannot be pulled
 * where no registry is reachable) the containers carry this JVM's pid; a JVM that dies without closing them leaves
 * them to the next start's {@link #removeOrphans()}.
 */
final class ContainerStack implements AutoCloseable {

    static final String IMAGE_PREFIX = "lexguard/devstack-";
    private static final String OWNER_LABEL = "dev.lexguard.devstack.owner";
    private static final int PG_PORT_INSIDE = 5432;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final System.Logger LOG = System.getLogger(ContainerStack.class.getName());

    private final GenericContainer<?> postgres;
    private final GenericContainer<?> kafka;
    private final ConnectionSettings settings;
    private final Path workDir;

    private ContainerStack(GenericContainer<?> postgres, GenericContainer<?> kafka, ConnectionSettings settings,
            Path workDir) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.settings = settings;
        this.workDir = workDir;
    }

    /** Whether an engine answers and has both images of this tag; never throws. */
    static boolean available(String tag) {
        try {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                return false;
            }
            DockerClient client = DockerClientFactory.lazyClient();
            return hasImage(client, image("postgres", tag)) && hasImage(client, image("kafka", tag));
        } catch (RuntimeException e) {
            return false;
        }
    }

    static String image(String server, String tag) {
        return IMAGE_PREFIX + server + ":" + tag;
    }

    private static boolean hasImage(DockerClient client, String name) {
        try {
            client.inspectImageCmd(name).exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static ContainerStack start(DevStackOptions options, String tag) {
        removeOrphans();
        Path workDir;
        try {
            workDir = TempDirJanitor.createOwnedTempDir();
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the container stack's directory", e);
        }
        int pgPort = options.pgPort() == 0 ? Ports.freePort() : options.pgPort();
        int kafkaPort = options.kafkaPort() == 0 ? Ports.freePort() : options.kafkaPort();
        KafkaCredentials credentials = KafkaCredentials.generate();
        Path credentialsFile = workDir.resolve(KafkaCredentials.FILE_NAME);
        credentials.write(credentialsFile);

        GenericContainer<?> postgres = new GenericContainer<>(DockerImageName.parse(image("postgres", tag)))
                .withEnv("POSTGRES_PASSWORD", Protocol.PG_PASSWORD)
                .withLabel(OWNER_LABEL, Long.toString(ProcessHandle.current().pid()))
                .withCreateContainerCmdModifier(cmd -> publishOnLoopback(cmd, pgPort, PG_PORT_INSIDE))
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*", 1)
                        .withStartupTimeout(START_TIMEOUT));
        GenericContainer<?> kafka = new GenericContainer<>(DockerImageName.parse(image("kafka", tag)))
                .withEnv("LEXGUARD_KAFKA_PORT", Integer.toString(kafkaPort))
                .withEnv("LEXGUARD_KAFKA_ADVERTISED_HOST", Protocol.HOST)
                .withLabel(OWNER_LABEL, Long.toString(ProcessHandle.current().pid()))
                .withCopyToContainer(Transferable.of(readAll(credentialsFile), 0444), KafkaContainerMain.CREDENTIALS)
                .withCreateContainerCmdModifier(cmd -> publishOnLoopback(cmd, kafkaPort, kafkaPort));
        ContainerStack stack = new ContainerStack(postgres, kafka, new ConnectionSettings(Protocol.HOST, pgPort,
                Protocol.PG_USER, Protocol.PG_PASSWORD, Protocol.HOST + ":" + kafkaPort, credentialsFile), workDir);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "devstack-containers-stop"));
        try {
            kafka.start();
            postgres.start();
            awaitPostgres(stack.settings);
            for (String database : options.databases()) {
                DevStack.ensureDatabase(stack.settings, database);
            }
            stack.awaitKafka();
        } catch (RuntimeException e) {
            String logs = kafka.isCreated() ? kafka.getLogs() : "";
            stack.close();
            throw new IllegalStateException("the container devstack did not start: " + e.getMessage()
                    + (logs.isEmpty() ? "" : "\nKafka's output:\n" + tail(logs)), e);
        }
        LOG.log(Level.INFO, "devstack started in containers: PostgreSQL {0}:{1} ({2}), Kafka {3} ({4})", Protocol.HOST,
                Integer.toString(pgPort), image("postgres", tag), stack.settings.kafkaBootstrapServers(), image("kafka", tag));
        return stack;
    }

    ConnectionSettings settings() {
        return settings;
    }

    /** Stops the broker's container and keeps it (with its storage), like the embedded broker's stop. */
    void stopKafka() {
        DockerClientFactory.lazyClient().stopContainerCmd(kafka.getContainerId()).withTimeout(60).exec();
    }

    /** Starts the stopped broker's container again and waits for it to answer with every principal's rights. */
    void startKafka() {
        DockerClientFactory.lazyClient().startContainerCmd(kafka.getContainerId()).exec();
        awaitKafka();
    }

    @Override
    public synchronized void close() {
        for (GenericContainer<?> container : List.of(kafka, postgres)) {
            try {
                container.stop();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not remove container " + container.getContainerId() + ": " + e.getMessage());
            }
        }
        TempDirJanitor.deleteRecursively(workDir);
    }

    /** Removes the containers of devstacks whose JVM is gone. */
    static void removeOrphans() {
        DockerClient client = DockerClientFactory.lazyClient();
        List<Container> containers = client.listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(OWNER_LABEL)).exec();
        for (Container container : containers) {
            String owner = container.getLabels().get(OWNER_LABEL);
            boolean alive = owner != null && owner.matches("\\d+")
                    && ProcessHandle.of(Long.parseLong(owner)).map(ProcessHandle::isAlive).orElse(false);
            if (!alive) {
                LOG.log(Level.INFO, "removing container {0} of a devstack whose JVM ({1}) is gone", container.getId(), owner);
                client.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
            }
        }
    }

    private static void publishOnLoopback(CreateContainerCmd cmd, int hostPort, int containerPort) {
        ExposedPort exposed = ExposedPort.tcp(containerPort);
        cmd.withExposedPorts(exposed);
        cmd.getHostConfig().withPortBindings(
                new PortBinding(com.github.dockerjava.api.model.Ports.Binding.bindIpAndPort(Protocol.HOST, hostPort), exposed));
    }

    private static void awaitPostgres(ConnectionSettings settings) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try (Connection ignored = DevStack.connect(settings, "postgres")) {
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("PostgreSQL's container did not accept connections: " + e.getMessage());
                }
                sleep(200);
            }
        }
    }

    private void awaitKafka() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        KafkaCredentials credentials = settings.kafkaCredentials();
        Map<String, Object> config = KafkaAdmin.adminConfig(settings.kafkaBootstrapServers(), credentials);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        try (Admin admin = Admin.create(config)) {
            while (true) {
                if (!kafka.isRunning()) {
                    throw new IllegalStateException("the Kafka container exited");
                }
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        break;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the Kafka container did not answer within "
                                + START_TIMEOUT.toSeconds() + " s");
                    }
                    sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for Kafka", e);
                }
            }
        }
        KafkaAdmin.converge(settings.kafkaBootstrapServers(), credentials);
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(String logs) {
        return logs.length() <= 4000 ? logs : logs.substring(logs.length() - 4000);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
