package dev.lexguard.devstack;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The classpath of the devstack's own JVMs: this module's code plus every runtime dependency, optional ones
 * included, as written to {@value #RESOURCE} at build time. The servers' jars are optional dependencies, so
 * they are on this classpath and never on the classpath of a service that uses the module.
 */
final class SupervisorClasspath {

    static final String RESOURCE = "dev/lexguard/devstack/devstack.classpath";

    private SupervisorClasspath() {
    }

    static List<Path> entries() {
        List<Path> entries = new ArrayList<>();
        entries.add(ownCodeLocation());
        String listed = buildResource(RESOURCE);
        for (String entry : listed.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry.trim());
            if (!Files.exists(path)) {
                throw new IllegalStateException("devstack dependency " + path
                        + " is missing (was the local Maven repository cleaned?): rebuild platform/devstack");
            }
            entries.add(path);
        }
        return entries;
    }

    /** A one-line file the build wrote into this module's output (a classpath, a location). */
    static String buildResource(String resource) {
        try (InputStream in = DevStack.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing: build platform/devstack with Maven first");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .reduce("", String::concat).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String asClasspath() {
        List<String> parts = new ArrayList<>();
        for (Path entry : entries()) {
            parts.add(entry.toString());
        }
        return String.join(File.pathSeparator, parts);
    }

    static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private static Path ownCodeLocation() {
        CodeSource source = DevStack.class.getProtectionDomain().getCodeSource();
        if (source != null && source.getLocation() != null && "file".equals(source.getLocation().getProtocol())) {
            try {
                return Path.of(source.getLocation().toURI());
            } catch (URISyntaxException | IllegalArgumentException e) {
                // fall through to the class file's own URL
            }
        }
        // some class loaders (test frameworks) define classes without a file code source
        URL classFile = DevStack.class.getResource(DevStack.class.getSimpleName() + ".class");
        if (classFile == null) {
            throw new IllegalStateException("cannot tell where the devstack classes were loaded from (" + source + ")");
        }
        return locationOf(classFile.toString(), DevStack.class.getName());
    }

    /** The jar or directory a class was loaded from, given the URL of its class file. */
    static Path locationOf(String classFileUrl, String className) {
        String suffix = className.replace('.', '/') + ".class";
        try {
            if (classFileUrl.startsWith("jar:file:") && classFileUrl.contains("!/")) {
                return Path.of(new URI(classFileUrl.substring("jar:".length(), classFileUrl.indexOf("!/"))));
            }
            if (classFileUrl.startsWith("file:") && classFileUrl.endsWith(suffix)) {
                return Path.of(new URI(classFileUrl.substring(0, classFileUrl.length() - suffix.length())));
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("unexpected location of the devstack classes: " + classFileUrl, e);
        }
        throw new IllegalStateException("the devstack classes must come from a jar or a directory, not " + classFileUrl);
    }
}
