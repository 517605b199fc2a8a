package dev.lexguard.deploy.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One process of the local system (the devstack or a service), its output in a log file, and a watchdog: a tiny
 * shell that ends the process when the runner's JVM is gone, however it ended (Ctrl-C, SIGTERM, {@code kill -9}),
 * so nothing is left listening.
 */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;
    private final Process watchdog;

    private ServiceProcess(String name, Process process, Path log, Process watchdog) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.watchdog = watchdog;
    }

    static ServiceProcess start(String name, List<String> command, Map<String, String> environment, Path workingDirectory,
            Path logDirectory) throws IOException {
        Files.createDirectories(logDirectory);
        Path log = logDirectory.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(environment);
        Process process = builder.start();
        long runner = ProcessHandle.current().pid();
        Process watchdog = new ProcessBuilder("sh", "-c", "while kill -0 " + runner + " 2>/dev/null && kill -0 " + process.pid()
                + " 2>/dev/null; do sleep 1; done; kill " + process.pid() + " 2>/dev/null; sleep 20; kill -9 " + process.pid()
                + " 2>/dev/null").redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        return new ServiceProcess(name, process, log, watchdog);
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Polls {@code url} until it answers 200; fails early, with the log's tail, if the process ends. */
    void awaitReady(URI url, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; the end of " + log + ":\n" + tail(40));
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " was not ready after " + timeout.toSeconds() + " s; the end of " + log + ":\n" + tail(40));
    }

    /** SIGTERM (the JVM's shutdown hooks run), then SIGKILL after {@code grace}. */
    void stop(Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        watchdog.destroy();
    }

    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", new ArrayList<>(all.subList(Math.max(0, all.size() - lines), all.size())));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
