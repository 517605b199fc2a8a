package dev.lexguard.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Finding Temurin 25, unpacking the distribution once, and the test resource's environment rules. */
class KeycloakSupportTest {

    @TempDir
    Path dir;

    @Test
    void temurin25IsPreferredOverOtherJdks() throws IOException {
        jdk(dir.resolve("java-25-openjdk-amd64"), "25.0.1");
        jdk(dir.resolve("java-17-openjdk-amd64"), "17.0.16");
        jdk(dir.resolve("temurin-25-jdk-amd64"), "25.0.1");
        assertEquals(dir.resolve("temurin-25-jdk-amd64"), KeycloakJava.find(Map.of(), dir));
    }

    @Test
    void anotherJdk25IsTakenWhenThereIsNoTemurin() throws IOException {
        jdk(dir.resolve("java-17-openjdk-amd64"), "17.0.16");
        jdk(dir.resolve("java-25-openjdk-amd64"), "25.0.1");
        assertEquals(dir.resolve("java-25-openjdk-amd64"), KeycloakJava.find(Map.of(), dir));
    }

    @Test
    void missingJdk25FailsWithWhatToInstall() throws IOException {
        jdk(dir.resolve("temurin-21-jdk-amd64"), "21.0.8");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> KeycloakJava.find(Map.of(), dir));
        assertTrue(e.getMessage().contains("Temurin 25") && e.getMessage().contains(KeycloakJava.ENV_JAVA_HOME),
                e.getMessage());
    }

    @Test
    void environmentNamesTheJdkAndABadOneFails() throws IOException {
        Path mine = jdk(dir.resolve("my-jdk"), "25");
        assertEquals(mine, KeycloakJava.find(Map.of(KeycloakJava.ENV_JAVA_HOME, mine.toString()), dir.resolve("none")));
        assertThrows(IllegalStateException.class,
                () -> KeycloakJava.find(Map.of(KeycloakJava.ENV_JAVA_HOME, dir.resolve("nothing").toString()), dir));
    }

    @Test
    void distributionIsUnpackedOnceWithExecutableScripts() throws IOException {
        Path zip = zip("keycloak-9.9.9", "keycloak-9.9.9/bin/kc.sh", "keycloak-9.9.9/lib/lib.jar");
        Path cache = dir.resolve("cache");
        Path home = KeycloakDistribution.unpack(zip, cache);
        assertEquals(cache.resolve("keycloak-dist-9.9.9"), home);
        assertTrue(Files.isExecutable(home.resolve("bin/kc.sh")));
        assertTrue(Files.isRegularFile(home.resolve("lib/lib.jar")));
        Files.setLastModifiedTime(home.resolve("lib/lib.jar"), FileTime.fromMillis(0));
        KeycloakDistribution.unpack(zip, cache);
        assertEquals(0, Files.getLastModifiedTime(home.resolve("lib/lib.jar")).toMillis(), "unpacked again");
        try (var left = Files.list(cache)) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().contains(".unpacking-")));
        }
    }

    @Test
    void zipWithoutKcShIsRefusedAndLeavesNoHome() throws IOException {
        Path zip = zip("keycloak-9.9.9", "keycloak-9.9.9/README.md");
        Path cache = dir.resolve("cache");
        assertThrows(RuntimeException.class, () -> KeycloakDistribution.unpack(zip, cache));
        assertFalse(Files.exists(cache.resolve("keycloak-dist-9.9.9")));
    }

    @Test
    void resourceUsesTheEnvironmentsKeycloakOnlyWhenFullyNamed() {
        assertTrue(KeycloakResource.fromEnvironment(Map.of()).isEmpty());
        KeycloakSettings s = KeycloakResource.fromEnvironment(Map.of(KeycloakResource.ENV_URL, "http://kc.example:8180/",
                KeycloakResource.ENV_ADMIN_USERNAME, "root", KeycloakResource.ENV_ADMIN_PASSWORD, "pw")).orElseThrow();
        assertEquals("http://kc.example:8180", s.url());
        assertFalse(s.toString().contains("pw"), "the password must not show in logs");
        assertThrows(IllegalStateException.class,
                () -> KeycloakResource.fromEnvironment(Map.of(KeycloakResource.ENV_URL, "http://kc.example")));
        assertThrows(IllegalStateException.class, () -> KeycloakResource.fromEnvironment(Map.of(
                KeycloakResource.ENV_URL, "kc.example", KeycloakResource.ENV_ADMIN_USERNAME, "root",
                KeycloakResource.ENV_ADMIN_PASSWORD, "pw")));
        assertEquals("http://kc.example:8180", KeycloakResource.config(s).get("lexguard.devstack.keycloak.url"));
    }

    @Test
    void anotherClassLoaderOfTheJvmFindsTheSharedKeycloakOnlyWhileItRuns() throws IOException {
        Path file = dir.resolve("lexguard-keycloak-jvm-1");
        assertTrue(KeycloakResource.readJvmFile(file).isEmpty());
        Files.writeString(file, "url=http\\://127.0.0.1\\:41234\nadminUsername=admin\nadminPassword=pw\npid="
                + ProcessHandle.current().pid() + "\n");
        KeycloakSettings found = KeycloakResource.readJvmFile(file).orElseThrow();
        assertEquals("http://127.0.0.1:41234", found.url());
        assertEquals("pw", found.adminPassword());
        Files.writeString(file, "url=http\\://127.0.0.1\\:41234\nadminUsername=admin\nadminPassword=pw\npid=999999999\n");
        assertTrue(KeycloakResource.readJvmFile(file).isEmpty(), "a dead Keycloak's file is ignored");
        assertTrue(KeycloakResource.jvmFile().getFileName().toString().endsWith("-" + ProcessHandle.current().pid()));
    }

    private static Path jdk(Path home, String version) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Path java = Files.writeString(home.resolve("bin/java"), "#!/bin/sh\n");
        assertTrue(java.toFile().setExecutable(true));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }

    private Path zip(String top, String... files) throws IOException {
        Path zip = dir.resolve("keycloak-dist-9.9.9.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream archive = new ZipOutputStream(out)) {
            archive.putNextEntry(new ZipEntry(top + "/"));
            archive.closeEntry();
            for (String file : files) {
                archive.putNextEntry(new ZipEntry(file));
                archive.write("x".getBytes(StandardCharsets.UTF_8));
                archive.closeEntry();
            }
        }
        return zip;
    }
}
