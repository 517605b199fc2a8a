package dev.lexguard.devstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The devstack supervisor: runs PostgreSQL and the Kafka broker JVM and stops both when it stops.
 * <p>
 * Command-line mode (default) runs until SIGINT/SIGTERM and writes the state file. With {@code --control-stdin}
 * (used by {@link DevStack#start(DevStackOptions)}) it reads commands from stdin and stops everything when stdin
 * reaches end of file, i.e. when the launching JVM exits or dies.
 */
public final class DevStackMain {

    static final String LOG_CONFIG = "dev/lexguard/devstack/devstack-log4j2.xml";
    static final String LOG_FILE_PROPERTY = "lexguard.devstack.logFile";
    static final int DEFAULT_PG_PORT = 15432;
    static final int DEFAULT_KAFKA_PORT = 19092;
    private static final Duration KAFKA_READY_TIMEOUT = Duration.ofSeconds(120);

    private final Arguments arguments;
    private final long pid = ProcessHandle.current().pid();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Path baseDir;
    private boolean ownsBaseDir;
    private KafkaBroker kafka;
    private PostgresServer postgres;
    private int pgPort;
    private int kafkaPort;
    private boolean shutDown;

    private DevStackMain(Arguments arguments) {
        this.arguments = arguments;
    }

    public static void main(String[] args) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Arguments.USAGE);
            System.exit(2);
            return;
        }
        if (arguments.help) {
            System.out.println(Arguments.USAGE);
            return;
        }
        DevStackMain main = new DevStackMain(arguments);
        Runtime.getRuntime().addShutdownHook(new Thread(main::shutdown, "devstack-shutdown"));
        try {
            main.startServers();
            main.announce();
            main.publishState();
        } catch (Exception e) {
            System.out.println(Protocol.FAILED + oneLine(e));
            System.out.flush();
            main.shutdown();
            System.exit(1);
        }
        if (arguments.controlStdin) {
            main.serveCommands();
            main.shutdown();
            System.exit(0);
        } else {
            main.awaitStop();
        }
    }

    private void startServers() throws Exception {
        if (!arguments.controlStdin) {
            Optional<StateFile.RunningStack> running = StateFile.findRunning(arguments.stateFile);
            if (running.isPresent()) {
                throw new IllegalStateException("a devstack is already running (pid " + running.get().pid()
                        + ", state file " + arguments.stateFile + ")");
            }
        }
        pgPort = choosePort(arguments.pgPort, "PostgreSQL");
        kafkaPort = choosePort(arguments.kafkaPort, "Kafka");
        if (pgPort == kafkaPort) {
            throw new IllegalArgumentException("PostgreSQL and Kafka cannot share port " + pgPort);
        }
        if (arguments.dataDir != null) {
            baseDir = arguments.dataDir.toAbsolutePath().normalize();
            Files.createDirectories(baseDir);
        } else {
            TempDirJanitor.sweep(Path.of(System.getProperty("java.io.tmpdir")));
            baseDir = TempDirJanitor.createOwnedTempDir();
            ownsBaseDir = true;
        }
        Path logDir = Files.createDirectories(baseDir.resolve("logs"));
        System.setProperty(LOG_FILE_PROPERTY, logDir.resolve("supervisor.log").toString());
        System.setProperty("log4j2.configurationFile", LOG_CONFIG);
        System.setProperty("log4j.shutdownHookEnabled", "false");

        // the broker JVM boots while PostgreSQL starts: the two take about as long
        kafka = new KafkaBroker(baseDir.resolve("kafka"), kafkaPort, logDir);
        kafka.launch();
        postgres = PostgresServer.start(baseDir.resolve("postgres"), pgPort, !ownsBaseDir,
                logDir.resolve("postgres.log"), ownsBaseDir ? baseDir : null);
        ConnectionSettings settings = settings();
        for (String database : arguments.databases) {
            DevStack.ensureDatabase(settings, database);
        }
        kafka.awaitReady(KAFKA_READY_TIMEOUT);
    }

    /** Written only after the settings are printed, so whoever finds the state file also finds them. */
    private void publishState() throws IOException {
        if (!arguments.controlStdin) {
            StateFile.write(arguments.stateFile, description());
        }
    }

    private static int choosePort(int requested, String server) {
        if (requested == 0) {
            return Ports.freePort();
        }
        if (!Ports.isFree(requested)) {
            throw new IllegalStateException(server + " port " + requested + " is already in use on " + Protocol.HOST);
        }
        return requested;
    }

    private ConnectionSettings settings() {
        return new ConnectionSettings(Protocol.HOST, pgPort, Protocol.PG_USER, Protocol.PG_PASSWORD, kafka.bootstrapServers(),
                kafka.credentialsFile());
    }

    private Map<String, Object> description() {
        ConnectionSettings settings = settings();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("pgHost", settings.pgHost());
        values.put("pgPort", settings.pgPort());
        values.put("pgUser", settings.pgUser());
        values.put("pgPassword", settings.pgPassword());
        values.put("kafkaBootstrapServers", settings.kafkaBootstrapServers());
        values.put("kafkaCredentials", settings.kafkaCredentialsFile().toString());
        values.put("pid", pid);
        values.put("postgresPid", postgres.postmasterPid());
        values.put("kafkaPid", kafka.pid());
        values.put("dataDir", baseDir.toString());
        values.put("persistent", !ownsBaseDir);
        values.put("databases", String.join(",", arguments.databases));
        values.put("startedAt", Instant.now().toString());
        return values;
    }

    private void announce() {
        ConnectionSettings s = settings();
        String pgUrl = "postgresql://" + s.pgHost() + ":" + s.pgPort();
        List<String> lines = new ArrayList<>();
        lines.add(Protocol.READY + FlatJson.write(description()));
        lines.add("");
        lines.add("LexGuard devstack is running (pid " + pid + ")");
        lines.add("  PostgreSQL  " + s.pgHost() + ":" + s.pgPort() + "  user " + s.pgUser() + "  password " + s.pgPassword());
        lines.add("    databases " + String.join(", ", arguments.databases));
        lines.add("    JDBC      " + s.jdbcUrl("identity") + "   (one database per service)");
        lines.add("    reactive  " + s.reactiveUrl("identity"));
        lines.add("  Kafka       " + s.kafkaBootstrapServers() + "  SASL/SCRAM-SHA-512, ACLs on; one principal per service");
        lines.add("    passwords " + s.kafkaCredentialsFile() + "  (readable by its owner only)");
        lines.add("  Data        " + baseDir + (ownsBaseDir ? "  (deleted on stop)" : "  (kept)") + ", logs in "
                + baseDir.resolve("logs"));
        lines.add("");
        lines.add("Point tests and services at it with:");
        lines.add("  export LEXGUARD_PG_URL=" + pgUrl);
        lines.add("  export LEXGUARD_PG_USER=" + s.pgUser());
        lines.add("  export LEXGUARD_PG_PASSWORD=" + s.pgPassword());
        lines.add("  export LEXGUARD_KAFKA_BOOTSTRAP_SERVERS=" + s.kafkaBootstrapServers());
        lines.add("  export LEXGUARD_KAFKA_CREDENTIALS=" + s.kafkaCredentialsFile());
        if (!arguments.controlStdin) {
            lines.add("(tests also find it without these through " + arguments.stateFile + ")");
            lines.add("Stop it with Ctrl-C or: kill " + pid);
        }
        System.out.println(String.join(System.lineSeparator(), lines));
        System.out.flush();
    }

    private void serveCommands() {
        try (BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = commands.readLine()) != null) {
                String command = line.trim();
                try {
                    switch (command) {
                        case Protocol.CMD_STOP -> {
                            return;
                        }
                        case Protocol.CMD_KAFKA_STOP -> {
                            kafka.stop();
                            reply(Protocol.ACK + command);
                        }
                        case Protocol.CMD_KAFKA_START -> {
                            kafka.launch();
                            kafka.awaitReady(KAFKA_READY_TIMEOUT);
                            reply(Protocol.ACK + command + " " + FlatJson.write(Map.of("kafkaPid", kafka.pid())));
                        }
                        case "" -> {
                            // blank lines are harmless
                        }
                        default -> reply(Protocol.ERROR + command + " unknown command");
                    }
                } catch (Exception e) {
                    reply(Protocol.ERROR + command + " " + oneLine(e));
                }
            }
        } catch (IOException e) {
            // stdin broke: the launching JVM is gone, which means stop
        }
    }

    private static void reply(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void shutdown() {
        if (shutDown) {
            return;
        }
        shutDown = true;
        try {
            if (kafka != null) {
                kafka.beginStop();
            }
            if (postgres != null) {
                try {
                    postgres.close();
                } catch (RuntimeException e) {
                    System.err.println("stopping PostgreSQL failed: " + oneLine(e));
                }
            }
            if (kafka != null) {
                kafka.stop();
            }
            if (ownsBaseDir && baseDir != null) {
                deleteRecursively(baseDir);
            }
            if (!arguments.controlStdin) {
                StateFile.deleteIfOwnedBy(arguments.stateFile, pid);
            }
            System.out.println(Protocol.STOPPED);
            System.out.flush();
        } finally {
            stopped.countDown();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!TempDirJanitor.deleteRecursively(dir)) {
            System.err.println("could not delete " + dir);
        }
    }

    private static String oneLine(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (text.length() > 0) {
                text.append(" <- ");
            }
            text.append(t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName());
        }
        return text.toString().replace('\n', ' ');
    }

    static final class Arguments {

        static final String USAGE = String.join(System.lineSeparator(),
                "usage: java -jar lexguard-devstack.jar [--pg-port PORT] [--kafka-port PORT] [--data-dir DIR]"
                        + " [--database NAME ...] [--state-file FILE]",
                "  --pg-port PORT     PostgreSQL port on 127.0.0.1 (default " + DEFAULT_PG_PORT + ", 0 = any free port)",
                "  --kafka-port PORT  Kafka port on 127.0.0.1 (default " + DEFAULT_KAFKA_PORT + ", 0 = any free port)",
                "  --data-dir DIR     keep PostgreSQL data and Kafka logs in DIR (default: a temporary directory,"
                        + " deleted on stop)",
                "  --database NAME    create this database too (repeatable); " + String.join(", ",
                        DevStackOptions.SERVICE_DATABASES) + " always exist",
                "  --state-file FILE  where to describe the running stack (default " + StateFile.defaultPath() + ")");

        int pgPort = -1;
        int kafkaPort = -1;
        Path dataDir;
        Path stateFile = StateFile.defaultPath();
        boolean controlStdin;
        boolean help;
        final Set<String> databases = new LinkedHashSet<>(DevStackOptions.SERVICE_DATABASES);

        static Arguments parse(String[] args) {
            Arguments parsed = new Arguments();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--pg-port" -> parsed.pgPort = port(arg, value(args, ++i, arg));
                    case "--kafka-port" -> parsed.kafkaPort = port(arg, value(args, ++i, arg));
                    case "--data-dir" -> parsed.dataDir = Path.of(value(args, ++i, arg));
                    case "--database" -> parsed.databases.add(DatabaseNames.check(value(args, ++i, arg)));
                    case "--state-file" -> parsed.stateFile = Path.of(value(args, ++i, arg));
                    case "--control-stdin" -> parsed.controlStdin = true;
                    case "--help", "-h" -> parsed.help = true;
                    default -> throw new IllegalArgumentException("unknown argument: " + arg);
                }
            }
            if (parsed.pgPort < 0) {
                parsed.pgPort = parsed.controlStdin ? 0 : DEFAULT_PG_PORT;
            }
            if (parsed.kafkaPort < 0) {
                parsed.kafkaPort = parsed.controlStdin ? 0 : DEFAULT_KAFKA_PORT;
            }
            return parsed;
        }

        private static String value(String[] args, int i, String name) {
            if (i >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return args[i];
        }

        private static int port(String name, String value) {
            try {
                int port = Integer.parseInt(value);
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(name + " must be a port number (0-65535), was: " + value);
        }
    }
}
