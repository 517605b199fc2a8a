package dev.lexguard.devstack;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TempDirJanitorTest {

    @TempDir
    Path tmp;

    @Test
    void sweepDeletesOnlyDevstackDirectoriesWhoseOwnerIsGone() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Path dead = owned("lexguard-devstack-dead", finished.pid());
        Files.createDirectories(dead.resolve("kafka/logs/topic-0"));
        Files.writeString(dead.resolve("kafka/logs/topic-0/00000000000000000000.log"), "records");
        Path alive = owned("lexguard-devstack-alive", ProcessHandle.current().pid());
        Path legacy = Files.createDirectories(tmp.resolve("lexguard-devstack-without-owner"));
        Path unrelated = owned("someone-elses-dir", finished.pid());
        Path stateDir = Files.createDirectories(tmp.resolve("lexguard-devstack"));

        TempDirJanitor.sweep(tmp);

        assertFalse(Files.exists(dead), "a dead owner's directory must be swept");
        assertTrue(Files.isDirectory(alive));
        assertTrue(Files.isDirectory(legacy), "without an owner file nothing proves the directory is abandoned");
        assertTrue(Files.isDirectory(unrelated));
        assertTrue(Files.isDirectory(stateDir));
    }

    private Path owned(String name, long pid) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve(TempDirJanitor.OWNER_FILE), Long.toString(pid));
        return dir;
    }
}
