package dev.lexguard.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * Where a private stack's PostgreSQL and Kafka run, chosen by {@code LEXGUARD_DEVSTACK}:
 * {@code embedded} (processes of this machine, the default), {@code containers} (the images deploy/images builds,
 * through Testcontainers; fails when no engine answers), or {@code auto}: containers where an engine's socket is
 * there ({@code DOCKER_HOST}, /var/run/docker.sock or podman's /run/podman/podman.sock), it answers and has the
 * images, embedded elsewhere. A stack with a data directory of its own (the command line's) is always embedded.
 */
enum DevStackProvider {
    EMBEDDED, CONTAINERS;

    static final String ENV = "LEXGUARD_DEVSTACK";
    static final String ENV_IMAGE_TAG = "LEXGUARD_DEVSTACK_IMAGE_TAG";
    private static final String[] SOCKETS = {"/var/run/docker.sock", "/run/podman/podman.sock"};

    static DevStackProvider choose(Map<String, String> environment, DevStackOptions options) {
        return choose(environment, options, ContainerStack::available);
    }

    static DevStackProvider choose(Map<String, String> environment, DevStackOptions options,
            Predicate<String> containersAvailable) {
        String wanted = environment.getOrDefault(ENV, "embedded").trim().toLowerCase(Locale.ROOT);
        switch (wanted) {
            case "", "embedded":
                return EMBEDDED;
            case "containers":
                if (options.dataDir() != null) {
                    throw new IllegalArgumentException(ENV + "=containers keeps no data between runs: start the stack"
                            + " without a data directory, or with " + ENV + "=embedded");
                }
                return CONTAINERS;
            case "auto":
                boolean socket = environment.containsKey("DOCKER_HOST")
                        || java.util.Arrays.stream(SOCKETS).anyMatch(path -> Files.exists(Path.of(path)));
                return options.dataDir() == null && socket && containersAvailable.test(imageTag(environment))
                        ? CONTAINERS : EMBEDDED;
            default:
                throw new IllegalArgumentException(ENV + " must be embedded, containers or auto, was '" + wanted + "'");
        }
    }

    /** The tag of the devstack images: {@code LEXGUARD_DEVSTACK_IMAGE_TAG}, or the one this build's images have. */
    static String imageTag(Map<String, String> environment) {
        String tag = environment.get(ENV_IMAGE_TAG);
        return tag == null || tag.isBlank() ? builtTag() : tag.trim();
    }

    private static String builtTag() {
        Properties images = new Properties();
        try (InputStream in = DevStackProvider.class.getResourceAsStream("images.properties")) {
            if (in == null) {
                throw new IllegalStateException("dev/lexguard/devstack/images.properties is missing from the devstack jar");
            }
            images.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return images.getProperty("tag");
    }
}
