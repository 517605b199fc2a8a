package dev.lexguard.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/** The file a devstack started from the command line writes while it runs, so tests can find and reuse it. */
public final class StateFile {

    private static final System.Logger LOG = System.getLogger(StateFile.class.getName());

    private StateFile() {
    }

    /** {@code ${java.io.tmpdir}/lexguard-devstack/devstack.json} */
    public static Path defaultPath() {
        return Path.of(System.getProperty("java.io.tmpdir"), "lexguard-devstack", "devstack.json");
    }

    static void write(Path file, Map<String, ?> values) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.writeString(partial, FlatJson.write(values) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the devstack state file " + file, e);
        }
    }

    /** Deletes the file if it still describes the stack with this supervisor pid. */
    static void deleteIfOwnedBy(Path file, long pid) {
        try {
            Optional<Map<String, String>> values = read(file);
            if (values.isPresent() && String.valueOf(pid).equals(values.get().get("pid"))) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not delete the devstack state file " + file, e);
        }
    }

    static Optional<Map<String, String>> read(Path file) {
        try {
            return Optional.of(FlatJson.read(Files.readString(file, StandardCharsets.UTF_8).trim()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "ignoring unreadable devstack state file " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The settings of the devstack the file describes, if its supervisor is alive and both of its ports accept
     * connections; empty for a missing, malformed or stale file.
     */
    public static Optional<RunningStack> findRunning(Path file) {
        Optional<Map<String, String>> read = read(file);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> values = read.get();
        try {
            long pid = Long.parseLong(values.get("pid"));
            ConnectionSettings settings = DevStack.settingsFrom(values);
            if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                LOG.log(Level.INFO, "ignoring stale devstack state file {0}: pid {1} is not running", file, Long.toString(pid));
                return Optional.empty();
            }
            if (!Ports.accepts(settings.pgHost(), settings.pgPort())) {
                LOG.log(Level.INFO, "ignoring devstack state file {0}: PostgreSQL port {1} does not answer",
                        file, Integer.toString(settings.pgPort()));
                return Optional.empty();
            }
            for (String server : settings.kafkaBootstrapServers().split(",")) {
                int colon = server.lastIndexOf(':');
                if (colon < 0 || !Ports.accepts(server.substring(0, colon), Integer.parseInt(server.substring(colon + 1)))) {
                    LOG.log(Level.INFO, "ignoring devstack state file {0}: Kafka {1} does not answer", file, server);
                    return Optional.empty();
                }
            }
            return Optional.of(new RunningStack(pid, settings));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ignoring malformed devstack state file " + file + ": " + e);
            return Optional.empty();
        }
    }

    /** A devstack found through its state file. */
    public record RunningStack(long pid, ConnectionSettings settings) {
    }
}
