package dev.lexguard.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Ephemeral data directories are deleted on stop, and by the PostgreSQL watchdog when the supervisor dies.
 * Only a SIGKILL of the supervisor in the middle of its own shutdown (after it disarmed the watchdog) can leave
 * one behind; the next supervisor sweeps those: each records its pid in {@value #OWNER_FILE}.
 */
final class TempDirJanitor {

    static final String PREFIX = "lexguard-devstack-";
    static final String OWNER_FILE = "owner.pid";

    private TempDirJanitor() {
    }

    static Path createOwnedTempDir() throws IOException {
        Path dir = Files.createTempDirectory(PREFIX);
        Files.writeString(dir.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
        return dir;
    }

    /** Deletes the ephemeral directories in {@code tmpDir} whose owner process is gone. */
    static void sweep(Path tmpDir) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmpDir, PREFIX + "*")) {
            for (Path dir : dirs) {
                Path owner = dir.resolve(OWNER_FILE);
                if (!Files.isDirectory(dir) || !Files.isRegularFile(owner)) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(Files.readString(owner, StandardCharsets.UTF_8).trim());
                } catch (IOException | NumberFormatException e) {
                    continue;
                }
                if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    deleteRecursively(dir);
                }
            }
        } catch (IOException e) {
            // sweeping is a courtesy; the stack starts regardless
        }
    }

    static boolean deleteRecursively(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // vanished meanwhile (a server removing its own files): nothing left to delete
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                    Files.deleteIfExists(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
