package dev.lexguard.deploy.local;

import dev.lexguard.devstack.DevStack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs each module from its image (deploy/images/build) with podman instead of as a JVM of this machine: chosen by
 * {@code LEXGUARD_SERVICES=containers}, the image tag by {@code LEXGUARD_IMAGE_TAG} (this build's by default). The
 * containers share the host's network, so that each listens on 127.0.0.1 on the port the runner gave it and reaches
 * PostgreSQL, Kafka and the other services where the process would. The variables reach the container by name
 * only ({@code -e NAME}, the value from podman's environment), so no password appears on a command line; a variable
 * naming a file of this machine (the GeoIP databases) brings that file in, read-only, at the same path.
 */
final class ServiceContainers {

    static final String ENV = "LEXGUARD_SERVICES";
    static final String ENV_TAG = "LEXGUARD_IMAGE_TAG";
    /** A directory where each container's JVM writes its class-data archive when it ends (deploy/images' training). */
    static final String ENV_CDS_TRAINING = "LEXGUARD_CDS_TRAINING_DIR";

    private final String tag;
    private final String podman;
    private final Path training;

    private ServiceContainers(String tag, String podman, Path training) {
        this.tag = tag;
        this.podman = podman;
        this.training = training;
    }

    /** The containers' launcher, or null when the modules run as processes. */
    static ServiceContainers fromEnvironment(Map<String, String> environment) {
        String mode = environment.getOrDefault(ENV, "processes").trim().toLowerCase(Locale.ROOT);
        switch (mode) {
            case "", "processes":
                return null;
            case "containers":
                String tag = environment.get(ENV_TAG);
                String training = environment.get(ENV_CDS_TRAINING);
                return new ServiceContainers(tag == null || tag.isBlank() ? DevStack.imageTag() : tag.trim(),
                        environment.getOrDefault("LEXGUARD_PODMAN", "podman"),
                        training == null || training.isBlank() ? null : Path.of(training).toAbsolutePath());
            default:
                throw new IllegalArgumentException(ENV + " must be processes or containers, was '" + mode + "'");
        }
    }

    /**
     * {@code podman run} of the module's image in the foreground (it forwards SIGTERM to the service and removes the
     * container when it ends). Adds the Quarkus settings the process would get as options to {@code environment}.
     */
    List<String> command(LexGuardSystem.Module module, Map<String, String> environment) {
        environment.put("QUARKUS_PROFILE", "dev");
        environment.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(module.port()));
        if (module.managementPort() > 0) {
            environment.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
            environment.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(module.managementPort()));
        }
        List<String> command = new ArrayList<>(List.of(podman, "run", "--rm", "--network=host", "--sig-proxy=true",
                "--name=" + name(module),
                // writing the class-data archive as the JVM exits needs memory beyond the service's own
                "--memory=" + (training != null ? "1g" : memoryLimit(module.name()))));
        if (training != null) {
            // the JVM archives every class it loaded when it ends (SIGTERM included): AppCDS for the final image
            command.add("--volume=" + training + ":/cds");
            environment.put("JAVA_TOOL_OPTIONS", "-XX:ArchiveClassesAtExit=/cds/" + module.name() + ".jsa -Xlog:cds=error");
        }
        for (Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
            String value = variable.getValue();
            if (value.startsWith("/") && Files.isRegularFile(Path.of(value))) {
                command.add("--volume=" + value + ":" + value + ":ro");
            }
            command.add("--env=" + variable.getKey());
        }
        command.add("lexguard/" + module.name() + ":" + tag);
        return command;
    }

    /** The host's pid of the container's main process, the service's JVM. */
    long javaPid(LexGuardSystem.Module module) throws IOException, InterruptedException {
        Process inspect = new ProcessBuilder(podman, "inspect", "--format={{.State.Pid}}", name(module))
                .redirectErrorStream(true).start();
        String output = new String(inspect.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (inspect.waitFor() != 0 || !output.matches("[1-9][0-9]*")) {
            throw new IllegalStateException("podman inspect " + name(module) + ": " + output);
        }
        return Long.parseLong(output);
    }

    private static String name(LexGuardSystem.Module module) {
        return "lexguard-" + module.name() + "-" + ProcessHandle.current().pid() + "-" + module.port();
    }

    /** The limit the Kubernetes base gives the module's container (deploy/k8s/base), so both measure alike. */
    static String memoryLimit(String module) {
        return "console".equals(module) ? "384m" : "mailer-service".equals(module) ? "384m" : "512m";
    }
}
