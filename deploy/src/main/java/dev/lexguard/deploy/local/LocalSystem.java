package dev.lexguard.deploy.local;

import dev.lexguard.devstack.ConnectionSettings;
import dev.lexguard.devstack.StateFile;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The README's first command: the whole system on this machine with only a JDK. Starts the devstack (real
 * PostgreSQL and Kafka) unless one is already running, every service and the gateway as separate processes (the
 * packaged Quarkus applications, in the dev profile for their development-only keys), waits until each is ready,
 * seeds a demo firm through the gateway and prints where everything is. Ctrl-C stops everything; a watchdog per
 * process ends it even if this JVM is killed.
 */
public final class LocalSystem {

    static final int POSTGRES_PORT = 15432;
    static final int KAFKA_PORT = 19092;
    static final int SMTP_PORT = 3025;
    static final int IMAP_PORT = 3143;

    private LocalSystem() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = List.of(args);
        // --only=identity-service,permissions-service: a subset, for working on a few services (no demo then)
        List<String> only = arguments.stream().filter(a -> a.startsWith("--only=")).findFirst()
                .map(a -> List.of(a.substring("--only=".length()).split(","))).orElse(LexGuardSystem.MODULES);
        boolean demo = !arguments.contains("--no-demo") && only.equals(LexGuardSystem.MODULES);
        int replicas = 1;
        try {
            replicas = replicas(arguments);
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
        }
        Path root = Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("deploy"))) {
            fail("run this from the root of a LexGuard checkout");
        }
        Path logs = root.resolve("target/local");
        AtomicBoolean stopping = new AtomicBoolean();
        AtomicReference<ServiceProcess> devstack = new AtomicReference<>();
        AtomicReference<LexGuardSystem> system = new AtomicReference<>();
        AtomicReference<MailServer> mail = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            System.out.println("\nStopping LexGuard ...");
            if (system.get() != null) {
                system.get().close();
            }
            if (devstack.get() != null) {
                devstack.get().stop(Duration.ofSeconds(30));
            }
            if (mail.get() != null) {
                mail.get().close();
            }
            System.out.println("Stopped; nothing is left running.");
        }, "lexguard-local-stop"));

        Instant started = Instant.now();
        Optional<StateFile.RunningStack> running = StateFile.findRunning(StateFile.defaultPath());
        if (running.isPresent()) {
            System.out.println("Using the devstack already running on " + POSTGRES_PORT + " and " + KAFKA_PORT);
        } else if (listening(POSTGRES_PORT) || listening(KAFKA_PORT)) {
            fail("port " + POSTGRES_PORT + " or " + KAFKA_PORT + " is taken, but not by a devstack whose state file ("
                    + StateFile.defaultPath() + ") gives its Kafka credentials; stop whatever listens there");
        } else {
            Path jar = root.resolve("platform/devstack/target/lexguard-devstack.jar");
            if (!Files.isRegularFile(jar)) {
                fail(jar + " is missing: build first with ./mvnw -B -q package -DskipTests");
            }
            System.out.println("Starting PostgreSQL and Kafka (platform/devstack) ...");
            String java = ProcessHandle.current().info().command().orElse("java");
            devstack.set(ServiceProcess.start("devstack", List.of(java, "-jar", jar.toString()), Map.of(), root, logs));
            running = awaitStateFile(devstack.get());
        }
        ConnectionSettings stack = running.orElseThrow().settings();

        if (listening(SMTP_PORT) || listening(IMAP_PORT)) {
            fail("port " + SMTP_PORT + " or " + IMAP_PORT + " is taken: the local mail server needs both");
        }
        mail.set(MailServer.start(SMTP_PORT, IMAP_PORT));
        System.out.println("Starting " + String.join(", ", only) + " ...");
        LexGuardSystem.Settings settings = new LexGuardSystem.Settings("jdbc:postgresql://127.0.0.1:" + POSTGRES_PORT + "/",
                "postgresql://127.0.0.1:" + POSTGRES_PORT + "/", "postgres", "postgres", stack, false,
                logs, only, mail.get().environment(), replicas);
        try {
            system.set(LexGuardSystem.start(root, settings));
        } catch (IllegalStateException e) {
            fail(e.getMessage());
        }
        for (String module : system.get().running()) {
            System.out.printf("  %-20s ready on %s%n", module, String.join(", ",
                    system.get().urls(module).stream().map(URI::toString).toList()));
        }
        System.out.printf("All ready in %d s. Logs: %s%n", Duration.between(started, Instant.now()).toSeconds(), logs);
        if (system.get().running().containsAll(List.of("console", "gateway"))) {
            System.out.println("Console   " + system.get().gateway() + "/console/sign-in (the security console, through the gateway)");
        }

        if (demo) {
            URI gateway = system.get().gateway();
            System.out.println("Seeding the demo firm through the gateway ...");
            DemoFirm.Summary summary = new DemoFirm(gateway, mail.get(), "jdbc:postgresql://127.0.0.1:" + POSTGRES_PORT + "/").seed();
            System.out.println();
            System.out.println(summary.describe());
            System.out.println("Gateway   " + gateway);
            System.out.println("API docs  " + gateway + "/api-docs");
        }
        System.out.println("Mail      every mail LexGuard sends is in the local mail server: IMAP 127.0.0.1:" + IMAP_PORT
                + " (user and password: the address), SMTP 127.0.0.1:" + SMTP_PORT);
        System.out.println("Ctrl-C stops everything.");

        while (true) {
            ServiceProcess crashed = system.get().crashed();
            if (crashed == null && devstack.get() != null && !devstack.get().alive()) {
                crashed = devstack.get();
            }
            if (crashed != null && !stopping.get()) {
                System.err.println(crashed.name() + " stopped unexpectedly; the end of " + crashed.log() + ":\n" + crashed.tail(30));
                System.exit(1);
            }
            Thread.sleep(1000);
        }
    }

    /**
     * {@code --replicas=N}: N processes of each service (on its configured port, then port + 100, port + 200 ...),
     * spread over by the gateway; 1 without the argument.
     */
    static int replicas(List<String> arguments) {
        Optional<String> value = arguments.stream().filter(a -> a.startsWith("--replicas=")).findFirst()
                .map(a -> a.substring("--replicas=".length()));
        if (value.isEmpty()) {
            return 1;
        }
        try {
            int replicas = Integer.parseInt(value.get());
            if (replicas >= 1 && replicas <= 9) {
                return replicas;
            }
        } catch (NumberFormatException e) {
            // the message below says what is wanted
        }
        throw new IllegalArgumentException("--replicas wants a whole number from 1 to 9, was '" + value.get() + "'");
    }

    /** The devstack writes its state file once both servers answer and Kafka's users and ACLs are in place. */
    private static Optional<StateFile.RunningStack> awaitStateFile(ServiceProcess process) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(180);
        while (true) {
            Optional<StateFile.RunningStack> running = StateFile.findRunning(StateFile.defaultPath());
            if (running.isPresent()) {
                return running;
            }
            if (!process.alive() || Instant.now().isAfter(deadline)) {
                fail(process.name() + " did not become ready; the end of " + process.log() + ":\n" + process.tail(40));
            }
            Thread.sleep(250);
        }
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
