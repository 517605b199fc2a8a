package dev.lexguard.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Keycloak server distribution: the {@code keycloak-quarkus-dist} zip that Maven resolved for this module
 * (its path is written to {@value #RESOURCE} at build time), unpacked once into a cache directory shared by every
 * JVM of this machine. Unpacking happens under a file lock into a temporary directory that is renamed when done,
 * so a crash half-way never leaves a broken distribution behind.
 */
public final class KeycloakDistribution {

    static final String RESOURCE = "dev/lexguard/devstack/keycloak.location";
    public static final String ENV_CACHE_DIR = "LEXGUARD_KEYCLOAK_CACHE";
    private static final String COMPLETE = ".lexguard-unpacked";

    private KeycloakDistribution() {
    }

    /** The unpacked distribution's home directory (with bin/kc.sh), unpacking it first if needed. */
    public static Path home() {
        return unpack(zip(), cacheDir(System.getenv()));
    }

    static Path cacheDir(Map<String, String> environment) {
        String configured = environment.get(ENV_CACHE_DIR);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        return Path.of(System.getProperty("user.home"), ".cache", "lexguard", "keycloak");
    }

    static Path zip() {
        String listed = SupervisorClasspath.buildResource(RESOURCE);
        Path zip = Path.of(listed);
        if (listed.isEmpty() || !Files.isRegularFile(zip)) {
            throw new IllegalStateException("the Keycloak distribution " + listed
                    + " is missing (was the local Maven repository cleaned?): rebuild platform/devstack");
        }
        return zip;
    }

    static Path unpack(Path zip, Path cacheDir) {
        String name = zip.getFileName().toString().replaceFirst("\\.zip$", "");
        Path home = cacheDir.resolve(name);
        if (Files.exists(home.resolve(COMPLETE))) {
            return home;
        }
        try {
            Files.createDirectories(cacheDir);
            try (FileChannel lockFile = FileChannel.open(cacheDir.resolve(name + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = lockFile.lock()) {
                if (Files.exists(home.resolve(COMPLETE))) {
                    return home;
                }
                if (Files.exists(home)) {
                    TempDirJanitor.deleteRecursively(home);
                }
                Path staging = Files.createTempDirectory(cacheDir, name + ".unpacking-");
                Path root = extract(zip, staging);
                for (String script : new String[] {"kc.sh", "kcadm.sh", "kcreg.sh"}) {
                    Path file = root.resolve("bin").resolve(script);
                    if (Files.exists(file) && !file.toFile().setExecutable(true)) {
                        throw new IOException("cannot make " + file + " executable");
                    }
                }
                Files.writeString(root.resolve(COMPLETE), zip.toString());
                Files.move(root, home, StandardCopyOption.ATOMIC_MOVE);
                TempDirJanitor.deleteRecursively(staging);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack " + zip + " into " + cacheDir, e);
        }
        return home;
    }

    /** Extracts the zip and answers its single top-level directory (keycloak-x.y.z). */
    private static Path extract(Path zip, Path target) throws IOException {
        Path top = null;
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = archive.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry outside the target directory: " + entry.getName());
                }
                Path first = target.resolve(target.relativize(out).getName(0));
                if (top == null) {
                    top = first;
                } else if (!top.equals(first)) {
                    throw new IOException(zip + " has more than one top-level directory");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    try (InputStream in = archive.getInputStream(entry)) {
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        if (top == null || !Files.isRegularFile(top.resolve("bin").resolve("kc.sh"))) {
            throw new IOException(zip + " is not a Keycloak server distribution (no bin/kc.sh)");
        }
        return top;
    }
}
