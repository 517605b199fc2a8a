package dev.lexguard.devstack;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real Keycloak ({@code kc.sh start-dev}, in-memory H2, bound to 127.0.0.1) started from the Maven-resolved
 * distribution on Temurin 25. {@code kc.sh} runs the server JVM as its child, so both are put in a session and
 * process group of their own ({@code setsid}); a watchdog shell, in another session, holds a pipe from this JVM and
 * ends that whole group when the pipe closes without a "disarm" line, so a crashed or SIGKILLed test JVM leaves no
 * Keycloak behind. {@link #close()} stops it cleanly (SIGTERM, which kc.sh forwards to the server).
 */
public final class KeycloakServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(KeycloakServer.class.getName());
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Object START_LOCK = new Object();
    static final String WORK_DIR_PREFIX = "lexguard-keycloak-";

    private static final String WATCHDOG_SCRIPT = String.join("\n",
            "trap '' INT HUP",
            "read -r command",
            "[ \"$command\" = disarm ] && exit 0",
            // dash's kill takes no "--": a negative pid names the process group
            "kill -TERM -\"$1\" 2>/dev/null",
            "i=0",
            "while kill -0 -\"$1\" 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done",
            "kill -KILL -\"$1\" 2>/dev/null",
            "[ -n \"$2\" ] && rm -rf -- \"$2\"",
            "exit 0");

    private final int httpPort;
    private final String adminUsername;
    private final String adminPassword;
    private final Process process;
    private final Process watchdog;
    private final Writer watchdogInput;
    private final Path workDir;
    private boolean closed;

    private KeycloakServer(int httpPort, String adminUsername, String adminPassword, Process process, Process watchdog,
            Path workDir) {
        this.httpPort = httpPort;
        this.adminUsername = adminUsername;
        this.adminPassword = adminPassword;
        this.process = process;
        this.watchdog = watchdog;
        this.watchdogInput = new OutputStreamWriter(watchdog.getOutputStream(), StandardCharsets.UTF_8);
        this.workDir = workDir;
    }

    /** Starts Keycloak and blocks until its master realm answers; fails with the log's tail if it does not. */
    public static KeycloakServer start(KeycloakOptions options) {
        if (!Files.isExecutable(SETSID)) {
            throw new IllegalStateException(SETSID + " is missing (util-linux): the devstack cannot supervise Keycloak");
        }
        Path javaHome = options.javaHome() != null ? options.javaHome() : KeycloakJava.find();
        Path home = KeycloakDistribution.home();
        int port = options.httpPort() == 0 ? Ports.freePort() : options.httpPort();
        if (!Ports.isFree(port)) {
            throw new IllegalStateException("Keycloak port " + port + " is already in use");
        }
        int managementPort = Ports.freePort();
        Path workDir;
        try {
            workDir = Files.createTempDirectory(WORK_DIR_PREFIX);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create Keycloak's working directory", e);
        }
        Path log = workDir.resolve("keycloak.log");
        List<String> command = new ArrayList<>(List.of(SETSID.toString(), home.resolve("bin").resolve("kc.sh").toString(),
                "start-dev", "--http-host=" + Protocol.HOST, "--http-port=" + port,
                "--http-management-port=" + managementPort, "--db=dev-mem", "--log-console-color=false"));
        command.addAll(options.arguments());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", javaHome.toString());
        env.remove("JAVA_OPTS");
        env.remove("JAVA_TOOL_OPTIONS");
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", options.adminUsername());
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", options.adminPassword());

        // start-dev re-augments the shared distribution (lib/quarkus): one start at a time per machine
        synchronized (START_LOCK) {
            try (FileChannel lockFile = FileChannel.open(home.resolveSibling(home.getFileName() + ".start.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = lockFile.lock()) {
                Process process = builder.start();
                Process watchdog;
                try {
                    watchdog = new ProcessBuilder(SETSID.toString(), "sh", "-c", WATCHDOG_SCRIPT,
                            "lexguard-devstack-keycloak-watchdog", Long.toString(process.pid()), workDir.toString())
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .redirectError(ProcessBuilder.Redirect.DISCARD)
                            .start();
                } catch (IOException e) {
                    process.destroyForcibly();
                    throw e;
                }
                KeycloakServer server = new KeycloakServer(port, options.adminUsername(), options.adminPassword(),
                        process, watchdog, workDir);
                try {
                    server.awaitReady(options.startTimeout());
                } catch (RuntimeException e) {
                    String tail = tail(log);
                    server.close();
                    throw new IllegalStateException(e.getMessage() + tail, e);
                }
                LOG.log(Level.INFO, "Keycloak started on {0} (pid {1}, Java {2})", server.url(),
                        Long.toString(process.pid()), javaHome);
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException("could not start Keycloak from " + home, e);
            }
        }
    }

    /** The server's base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://" + Protocol.HOST + ":" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public String adminUsername() {
        return adminUsername;
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** The pid of kc.sh, which leads the process group of the server JVM. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Where the log file is; deleted on close. */
    public Path logFile() {
        return workDir.resolve("keycloak.log");
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/realms/master/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with code " + process.exitValue() + " while starting");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Keycloak did not answer within " + timeout.toSeconds() + " s");
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while Keycloak was starting", e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while Keycloak was starting", e);
            }
        }
    }

    /** Stops Keycloak (SIGTERM, after 30 s SIGKILL of its process group) and deletes its working directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<ProcessHandle> group = new ArrayList<>(process.descendants().toList());
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "Keycloak did not stop within {0} s; killing it", STOP_TIMEOUT.toSeconds());
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            for (ProcessHandle child : group) {
                child.destroyForcibly();
                child.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.WARNING, "a Keycloak process did not exit after SIGKILL", e);
        }
        try {
            watchdogInput.write("disarm\n");
            watchdogInput.close();
            watchdog.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // the watchdog is gone already
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        TempDirJanitor.deleteRecursively(workDir);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "\nlast Keycloak output:\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 30),
                    lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }
}
