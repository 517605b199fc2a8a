package dev.lexguard.deploy.images;

import dev.lexguard.deploy.local.LexGuardSystem;
import dev.lexguard.devstack.ConnectionSettings;
import dev.lexguard.devstack.DevStack;
import dev.lexguard.devstack.DevStackOptions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The training run of the images' class-data archives (AppCDS), run by deploy/images/build: every service's image
 * starts alone against a private devstack, with its JVM told to archive the classes it loaded when it ends; the
 * run waits until it is ready, asks it for its health and OpenAPI document, and stops it. Classes of a fully
 * started service are what the next start loads first, so the archive covers them; the JVM that wrote it is the
 * image's own, as the archive requires.
 * <pre>
 * java -cp deploy/target/lexguard-local.jar dev.lexguard.deploy.images.CdsTraining IMAGE_TAG OUT_DIR MODULE...
 * </pre>
 */
public final class CdsTraining {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private CdsTraining() {
    }

    /**
     * What must run for the module to become ready: the gateway is ready only once it has identity's signing keys
     * (identity's archive is then written a second time, alike).
     */
    static List<String> withUpstreams(String module) {
        return "gateway".equals(module) ? List.of("identity-service", "gateway") : List.of(module);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: CdsTraining <image tag> <out dir> <module>...");
            System.exit(2);
        }
        Path root = Path.of("").toAbsolutePath();
        Path out = Files.createDirectories(Path.of(args[1]).toAbsolutePath());
        // the container's user (10001) writes the archives
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));
        Map<String, String> launcher = new HashMap<>(System.getenv());
        launcher.put("LEXGUARD_SERVICES", "containers");
        launcher.put("LEXGUARD_IMAGE_TAG", args[0]);
        launcher.put("LEXGUARD_CDS_TRAINING_DIR", out.toString());
        try (DevStack devstack = DevStack.start(DevStackOptions.defaults())) {
            ConnectionSettings settings = devstack.settings();
            for (String module : List.of(args).subList(2, args.length)) {
                long started = System.nanoTime();
                LexGuardSystem.Settings system = LexGuardSystem.Settings.onDevstack(settings,
                        root.resolve("target/images/training-logs"), withUpstreams(module), Map.of(), 1);
                LexGuardSystem running = LexGuardSystem.start(root, system, launcher);
                try {
                    URI base = running.url(module);
                    for (String path : List.of("/q/health", "/q/openapi", "/q/health/ready")) {
                        HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                                HttpResponse.BodyHandlers.discarding());
                    }
                } finally {
                    // the JVM writes the archive as it exits: that takes a while (tens of seconds on a busy machine)
                    running.stop(Duration.ofMinutes(3));
                }
                Path archive = out.resolve(module + ".jsa");
                if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
                    throw new IOException(module + " wrote no class-data archive to " + archive);
                }
                System.out.printf("%s: %d MB of classes archived (%d s)%n", module, Files.size(archive) >> 20,
                        (System.nanoTime() - started) / 1_000_000_000);
            }
        }
    }
}
