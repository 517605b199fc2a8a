package dev.lexguard.devstack;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrashSafetyTest {

    @Test
    void haltedLauncherJvmLeavesNoServersBehind() throws Exception {
        Process launcher = launchThrowawayJvm("halt");
        String[] stack = readStackLine(launcher);
        assertTrue(launcher.waitFor(30, TimeUnit.SECONDS), "throwaway JVM did not halt");
        assertStackGone(stack);
    }

    @Test
    void killedLauncherJvmLeavesNoServersBehind() throws Exception {
        Process launcher = launchThrowawayJvm("wait");
        String[] stack = readStackLine(launcher);
        launcher.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertStackGone(stack);
    }

    @Test
    void sigkillOfTheWholeProcessGroupLeavesNoServersBehind() throws Exception {
        // the throwaway JVM leads its own process group, so the group kill spares this test JVM
        Process launcher = launchThrowawayJvm("wait", true);
        String[] stack = readStackLine(launcher);
        Process kill = new ProcessBuilder("kill", "-9", "--", "-" + launcher.pid()).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -9 of the process group failed");
        assertTrue(launcher.waitFor(10, TimeUnit.SECONDS));
        assertStackGone(stack);
    }

    @Test
    void killedSupervisorStillStopsPostgresAndKafka() {
        DevStack stack = DevStack.start(DevStackOptions.defaults());
        try {
            ConnectionSettings s = stack.settings();
            long supervisor = stack.supervisorPid().orElseThrow();
            long postgres = stack.postgresPid().orElseThrow();
            long kafka = stack.kafkaPid().orElseThrow();
            Path dataDir = stack.dataDir().orElseThrow();
            assertTrue(Servers.alive(postgres));

            // SIGKILL: no shutdown hook runs in the supervisor, only the watchdog and the broker's stdin are left
            assertTrue(ProcessHandle.of(supervisor).orElseThrow().destroyForcibly());

            Servers.awaitStopped(s, supervisor, postgres, kafka);
            DevStackLifecycleTest.assertDirectoryGone(dataDir);
        } finally {
            stack.close();
        }
    }

    private static void assertStackGone(String[] stack) {
        ConnectionSettings s = new ConnectionSettings("127.0.0.1", Integer.parseInt(stack[1]), "postgres", "postgres",
                "127.0.0.1:" + stack[2], Path.of(stack[6], "kafka", KafkaCredentials.FILE_NAME));
        Servers.awaitStopped(s, Long.parseLong(stack[3]), Long.parseLong(stack[4]), Long.parseLong(stack[5]));
        DevStackLifecycleTest.assertDirectoryGone(Path.of(stack[6]));
    }

    private static Process launchThrowawayJvm(String mode) throws Exception {
        return launchThrowawayJvm(mode, false);
    }

    private static Process launchThrowawayJvm(String mode, boolean ownSession) throws Exception {
        String classpath = codeLocation(CrashingStackMain.class) + File.pathSeparator + codeLocation(DevStack.class);
        List<String> command = new ArrayList<>();
        if (ownSession) {
            command.add("setsid");
        }
        command.addAll(List.of(SupervisorClasspath.javaExecutable().toString(), "-Xmx64m", "-cp", classpath,
                CrashingStackMain.class.getName(), mode));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .start();
    }

    private static String codeLocation(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static String[] readStackLine(Process launcher) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        StringBuilder seen = new StringBuilder();
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            if (line.startsWith("STACK ")) {
                String[] parts = line.split(" ");
                assertTrue(parts.length == 7, line);
                return parts;
            }
            seen.append(line).append('\n');
        }
        assertNotNull(null, "the throwaway JVM printed no STACK line:\n" + seen);
        return new String[0];
    }
}
