package dev.lexguard.devstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.postgresql.Driver;

/**
 * A running PostgreSQL server and Kafka broker: either a private stack this JVM started (in a separate
 * supervisor JVM that stops everything when this JVM goes away, even when it crashes), or servers started
 * elsewhere that this handle only points at.
 */
public final class DevStack implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DevStack.class.getName());
    private static final long START_TIMEOUT_SECONDS = 180;
    private static final long COMMAND_TIMEOUT_SECONDS = 120;
    private static final long STOP_TIMEOUT_SECONDS = 60;
    private static final String SUPERVISOR_MAIN = "dev.lexguard.devstack.DevStackMain";

    private final ConnectionSettings settings;
    private final Process supervisor;
    private final Writer commands;
    private final BlockingQueue<String> answers;
    private final Deque<String> recentOutput;
    private final long postgresPid;
    private final Path dataDir;
    private volatile long kafkaPid;
    private final ContainerStack containers;
    private boolean closed;

    private DevStack(ConnectionSettings settings, Process supervisor, Writer commands, BlockingQueue<String> answers,
            Deque<String> recentOutput, long postgresPid, long kafkaPid, Path dataDir) {
        this(settings, supervisor, commands, answers, recentOutput, postgresPid, kafkaPid, dataDir, null);
    }

    private DevStack(ContainerStack containers) {
        this(containers.settings(), null, null, null, null, -1, -1, null, containers);
    }

    private DevStack(ConnectionSettings settings, Process supervisor, Writer commands, BlockingQueue<String> answers,
            Deque<String> recentOutput, long postgresPid, long kafkaPid, Path dataDir, ContainerStack containers) {
        this.containers = containers;
        this.settings = settings;
        this.supervisor = supervisor;
        this.commands = commands;
        this.answers = answers;
        this.recentOutput = recentOutput;
        this.postgresPid = postgresPid;
        this.kafkaPid = kafkaPid;
        this.dataDir = dataDir;
    }

    /**
     * Starts a private stack and blocks until PostgreSQL has its databases and the broker answers: as containers
     * when {@link DevStackProvider} says so, otherwise in a supervisor JVM that stops both servers when
     * {@link #close()} is called or when this JVM exits.
     */
    public static DevStack start(DevStackOptions options) {
        DevStackProvider provider = DevStackProvider.choose(System.getenv(), options);
        if (provider == DevStackProvider.CONTAINERS) {
            return new DevStack(ContainerStack.start(options, DevStackProvider.imageTag(System.getenv())));
        }
        return startEmbedded(options);
    }

    private static DevStack startEmbedded(DevStackOptions options) {
        List<String> command = new ArrayList<>(List.of(
                SupervisorClasspath.javaExecutable().toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", SupervisorClasspath.asClasspath(),
                SUPERVISOR_MAIN,
                "--control-stdin",
                "--pg-port", Integer.toString(options.pgPort()),
                "--kafka-port", Integer.toString(options.kafkaPort())));
        if (options.dataDir() != null) {
            command.add("--data-dir");
            command.add(options.dataDir().toString());
        }
        for (String database : options.databases()) {
            command.add("--database");
            command.add(database);
        }
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the devstack supervisor JVM", e);
        }
        BlockingQueue<String> answers = new LinkedBlockingQueue<>();
        Deque<String> recent = new ArrayDeque<>();
        Thread reader = new Thread(() -> pump(process, answers, recent), "devstack-supervisor-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        Writer commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);

        String answer;
        try {
            answer = answers.poll(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while the devstack was starting", e);
        }
        if (answer == null || !answer.startsWith(Protocol.READY)) {
            process.destroyForcibly();
            String reason = answer == null ? "no answer within " + START_TIMEOUT_SECONDS + " s"
                    : answer.startsWith(Protocol.FAILED) ? answer.substring(Protocol.FAILED.length()) : answer;
            throw new IllegalStateException("the devstack did not start: " + reason + tail(recent));
        }
        Map<String, String> ready = FlatJson.read(answer.substring(Protocol.READY.length()));
        ConnectionSettings settings = settingsFrom(ready);
        LOG.log(Level.INFO, "devstack started: PostgreSQL {0}:{1}, Kafka {2} (supervisor pid {3})",
                settings.pgHost(), Integer.toString(settings.pgPort()), settings.kafkaBootstrapServers(),
                Long.toString(process.pid()));
        return new DevStack(settings, process, commands, answers, recent,
                Long.parseLong(ready.get("postgresPid")), Long.parseLong(ready.get("kafkaPid")),
                Path.of(ready.get("dataDir")));
    }

    /** The tag of this build's images (deploy/images/build): {@code LEXGUARD_DEVSTACK_IMAGE_TAG} or the build's own. */
    public static String imageTag() {
        return DevStackProvider.imageTag(System.getenv());
    }

    /** A handle on servers started elsewhere: ensureDatabase works, stopping or restarting them does not. */
    public static DevStack external(ConnectionSettings settings) {
        return new DevStack(settings, null, null, null, null, -1, -1, null);
    }

    static ConnectionSettings settingsFrom(Map<String, String> values) {
        return new ConnectionSettings(values.get("pgHost"), Integer.parseInt(values.get("pgPort")),
                values.get("pgUser"), values.get("pgPassword"), values.get("kafkaBootstrapServers"),
                Path.of(values.get("kafkaCredentials")));
    }

    public ConnectionSettings settings() {
        return settings;
    }

    /** True when this JVM started the stack, so it may stop and restart the broker. */
    public boolean isOwned() {
        return supervisor != null || containers != null;
    }

    /** True when PostgreSQL and Kafka run as containers ({@link DevStackProvider#CONTAINERS}). */
    public boolean inContainers() {
        return containers != null;
    }

    /** The supervisor JVM's pid, for a stack this JVM started. */
    public OptionalLong supervisorPid() {
        return supervisor == null ? OptionalLong.empty() : OptionalLong.of(supervisor.pid());
    }

    /** The postmaster's pid, for a stack this JVM started. */
    public OptionalLong postgresPid() {
        return postgresPid > 0 ? OptionalLong.of(postgresPid) : OptionalLong.empty();
    }

    /** The broker JVM's pid, for a stack this JVM started; empty while the broker is stopped. */
    public OptionalLong kafkaPid() {
        return kafkaPid > 0 ? OptionalLong.of(kafkaPid) : OptionalLong.empty();
    }

    /** Where PostgreSQL data, Kafka logs and the servers' log files live, for a stack this JVM started. */
    public Optional<Path> dataDir() {
        return Optional.ofNullable(dataDir);
    }

    /** Creates the database if it does not exist yet. Works against external servers too. */
    public void ensureDatabase(String name) {
        ensureDatabase(settings, name);
    }

    /**
     * A connection to {@code database} as the stack's superuser, made by the driver itself, not DriverManager: after a
     * {@code @TestProfile} restarts Quarkus, DriverManager refuses the driver registered by the first application's
     * class loader ("No suitable driver").
     */
    static Connection connect(ConnectionSettings settings, String database) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", settings.pgUser());
        credentials.setProperty("password", settings.pgPassword());
        return new Driver().connect(settings.jdbcUrl(database), credentials);
    }

    static void ensureDatabase(ConnectionSettings settings, String name) {
        DatabaseNames.check(name);
        try (Connection connection = connect(settings, "postgres")) {
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, name);
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        return;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE \"" + name + "\"");
            }
        } catch (SQLException e) {
            // another JVM created it between our check and our CREATE
            if ("42P04".equals(e.getSQLState())) {
                return;
            }
            throw new IllegalStateException("could not create database " + name + " on "
                    + settings.pgHost() + ":" + settings.pgPort() + ": " + e.getMessage(), e);
        }
    }

    /** Stops the broker (controlled shutdown) and returns once its port is closed. Data is kept. */
    public synchronized void stopKafka() {
        if (containers != null) {
            containers.stopKafka();
            return;
        }
        send(Protocol.CMD_KAFKA_STOP);
        kafkaPid = -1;
    }

    /** Starts the broker again on the same port with the same data and returns once it answers. */
    public synchronized void startKafka() {
        if (containers != null) {
            containers.startKafka();
            return;
        }
        Map<String, String> answer = send(Protocol.CMD_KAFKA_START);
        kafkaPid = Long.parseLong(answer.get("kafkaPid"));
    }

    private Map<String, String> send(String command) {
        if (supervisor == null) {
            throw new IllegalStateException(command + " only works on a stack this JVM started");
        }
        if (closed) {
            throw new IllegalStateException("the devstack is closed");
        }
        try {
            commands.write(command + "\n");
            commands.flush();
            String answer = answers.poll(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (answer == null) {
                throw new IllegalStateException(command + ": no answer within " + COMMAND_TIMEOUT_SECONDS + " s"
                        + tail(recentOutput));
            }
            String expected = Protocol.ACK + command;
            if (!answer.startsWith(expected)) {
                throw new IllegalStateException(command + " failed: " + answer + tail(recentOutput));
            }
            String json = answer.substring(expected.length()).trim();
            return json.isEmpty() ? Map.of() : FlatJson.read(json);
        } catch (IOException e) {
            throw new UncheckedIOException(command + ": the devstack supervisor is gone", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + command, e);
        }
    }

    /** Stops the broker and PostgreSQL and deletes ephemeral data. Idempotent; a no-op for external servers. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (containers != null) {
            containers.close();
            return;
        }
        if (supervisor == null) {
            return;
        }
        try {
            commands.write(Protocol.CMD_STOP + "\n");
            commands.flush();
            commands.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "devstack supervisor stdin already closed", e);
        }
        try {
            if (!supervisor.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "devstack supervisor did not stop within {0} s; killing it",
                        Long.toString(STOP_TIMEOUT_SECONDS));
                supervisor.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            supervisor.destroyForcibly();
        }
    }

    private static void pump(Process process, BlockingQueue<String> answers, Deque<String> recent) {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                synchronized (recent) {
                    recent.addLast(line);
                    if (recent.size() > 40) {
                        recent.removeFirst();
                    }
                }
                if (Protocol.isProtocolLine(line)) {
                    if (!line.startsWith(Protocol.STOPPED)) {
                        answers.add(line);
                    }
                } else {
                    LOG.log(Level.DEBUG, "[devstack] {0}", line);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "devstack supervisor output closed", e);
        }
        answers.add(Protocol.FAILED + "the supervisor exited (" + exitCode(process) + ")");
    }

    private static String exitCode(Process process) {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? "exit code " + process.exitValue() : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown exit code";
        }
    }

    private static String tail(Deque<String> recent) {
        if (recent == null) {
            return "";
        }
        synchronized (recent) {
            return recent.isEmpty() ? "" : "\nlast supervisor output:\n  " + String.join("\n  ", recent);
        }
    }
}
