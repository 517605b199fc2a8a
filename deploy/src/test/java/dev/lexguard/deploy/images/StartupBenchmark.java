package dev.lexguard.deploy.images;

import dev.lexguard.deploy.local.LexGuardSystem;
import dev.lexguard.devstack.ConnectionSettings;
import dev.lexguard.devstack.DevStack;
import dev.lexguard.devstack.DevStackOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Time to ready and idle memory of every service started alone, as a process the way the local runner starts it and
 * as a container of its image (deploy/images/build first; an engine's socket for the devstack is not needed: it
 * runs embedded). Prints one line per service and way; run it on a quiet machine:
 * <pre>
 * ./mvnw -B -pl deploy -am verify -Dtest=StartupBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * Time to ready runs from the launch to the first 200 of the module's readiness check (polled every 250 ms); memory
 * is the JVM's resident set after {@code benchmark.idle.seconds} (default 20) of idling, read from /proc.
 */
class StartupBenchmark {

    private static final int IDLE_SECONDS = Integer.getInteger("benchmark.idle.seconds", 20);

    @Test
    void everyServiceAloneAsAProcessAndAsAContainer() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> modules = List.of(System.getProperty("benchmark.modules", String.join(",", LexGuardSystem.MODULES)).split(","));
        List<String> lines = new ArrayList<>();
        try (DevStack devstack = DevStack.start(DevStackOptions.defaults())) {
            for (String module : modules) {
                for (String way : List.of("processes", "containers")) {
                    lines.add(measure(root, devstack.settings(), module, way));
                    System.out.println(lines.get(lines.size() - 1));
                }
            }
        }
        System.out.println();
        lines.forEach(System.out::println);
    }

    private static String measure(Path root, ConnectionSettings settings, String module, String way) throws Exception {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("LEXGUARD_SERVICES", way);
        LexGuardSystem.Settings system = LexGuardSystem.Settings.onDevstack(settings,
                root.resolve("deploy/target/benchmark-logs"), List.of(module), Map.of(), 1);
        long started = System.nanoTime();
        try (LexGuardSystem running = LexGuardSystem.start(root, system, environment)) {
            long readyMillis = (System.nanoTime() - started) / 1_000_000;
            Thread.sleep(IDLE_SECONDS * 1000L);
            long pid = running.javaPid(module);
            return String.format("BENCHMARK startup %-20s %-10s ready after %5d ms, idle RSS %4d MB (after %d s)", module,
                    way, readyMillis, rssKilobytes(pid).orElse(-1L) / 1024, IDLE_SECONDS);
        }
    }

    private static Optional<Long> rssKilobytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
            }
        }
        return Optional.empty();
    }
}
