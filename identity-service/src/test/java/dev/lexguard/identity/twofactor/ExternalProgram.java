package dev.lexguard.identity.twofactor;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an independent command-line implementation for interoperability tests. Where the program is
 * missing, the test fails when {@value #REQUIRE_ENV} is {@code true} (CI installs the programs and sets
 * it, so there a missing program can never pass silently) and is skipped otherwise, so that a machine
 * with only a JDK still passes; the Java-only interop tests (java-otp, ZXing) run everywhere.
 */
final class ExternalProgram {

    static final String REQUIRE_ENV = "LEXGUARD_REQUIRE_EXTERNAL_TOOLS";

    private ExternalProgram() {
    }

    /** Runs {@code program} with {@code arguments} and returns its standard output, stripped. */
    static String run(String program, String debianPackage, String... arguments) {
        return run(program, debianPackage, "true".equalsIgnoreCase(System.getenv(REQUIRE_ENV)), arguments);
    }

    static String run(String program, String debianPackage, boolean required, String... arguments) {
        Path executable = locate(program);
        String missing = "'" + program + "' is not on the PATH; install it with: apt-get install -y " + debianPackage;
        if (executable == null) {
            if (required) {
                fail(missing + " (" + REQUIRE_ENV + "=true)");
            }
            assumeTrue(false, missing);
        }
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(arguments));
        Path errors = null;
        try {
            // Standard error goes to a file, not into the output: zbarimg, for one, reports a missing
            // D-Bus there while still decoding correctly.
            errors = Files.createTempFile(program, ".stderr");
            Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(program + " did not finish within 30 s");
            }
            String text = new String(output, StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                fail(program + " exited with " + process.exitValue() + ": " + text + " " + Files.readString(errors).strip());
            }
            return text;
        } catch (IOException e) {
            throw new AssertionError("could not run " + program, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + program, e);
        } finally {
            if (errors != null) {
                try {
                    Files.deleteIfExists(errors);
                } catch (IOException e) {
                    // A stray temporary file does not affect the result.
                }
            }
        }
    }

    private static Path locate(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
