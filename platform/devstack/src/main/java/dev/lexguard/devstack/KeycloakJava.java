package dev.lexguard.devstack;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the JDK Keycloak runs on: {@value #ENV_JAVA_HOME} when set, else a Temurin 25 under {@code /usr/lib/jvm}
 * (Debian's and Adoptium's package layout), checked through the JDK's {@code release} file.
 */
public final class KeycloakJava {

    public static final String ENV_JAVA_HOME = "LEXGUARD_KEYCLOAK_JAVA_HOME";
    static final int REQUIRED_FEATURE = 25;
    private static final Path JVM_DIR = Path.of("/usr/lib/jvm");
    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    private KeycloakJava() {
    }

    public static Path find() {
        return find(System.getenv(), JVM_DIR);
    }

    static Path find(Map<String, String> environment, Path jvmDir) {
        String configured = environment.get(ENV_JAVA_HOME);
        if (configured != null && !configured.isBlank()) {
            Path home = Path.of(configured.trim());
            if (featureVersion(home).isEmpty()) {
                throw new IllegalStateException(ENV_JAVA_HOME + "=" + home + " is not a JDK (no bin/java or release file)");
            }
            return home;
        }
        List<Path> candidates = new ArrayList<>();
        if (Files.isDirectory(jvmDir)) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(jvmDir)) {
                dirs.forEach(candidates::add);
            } catch (IOException e) {
                throw new IllegalStateException("cannot list " + jvmDir, e);
            }
        }
        candidates.sort(null);
        // Temurin's package first, then any other JDK 25 (a symlink to the same one counts once)
        for (boolean temurinOnly : new boolean[] {true, false}) {
            for (Path candidate : candidates) {
                boolean temurin = candidate.getFileName().toString().startsWith("temurin-");
                if ((!temurinOnly || temurin) && featureVersion(candidate).orElse(0) == REQUIRED_FEATURE) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("Keycloak needs a Java " + REQUIRED_FEATURE + " JDK and none was found in "
                + jvmDir + ": install Temurin 25 (apt-get install temurin-25-jdk) or set " + ENV_JAVA_HOME);
    }

    /** The JDK's feature version from its release file, if {@code home} is a JDK. */
    static Optional<Integer> featureVersion(Path home) {
        Path release = home.resolve("release");
        if (!Files.isExecutable(home.resolve("bin").resolve("java")) || !Files.isRegularFile(release)) {
            return Optional.empty();
        }
        try {
            Matcher version = JAVA_VERSION.matcher(Files.readString(release));
            return version.find() ? Optional.of(Integer.parseInt(version.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
