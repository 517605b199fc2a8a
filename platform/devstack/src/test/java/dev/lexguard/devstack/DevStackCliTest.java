package dev.lexguard.devstack;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DevStackCliTest {

    @TempDir
    Path tmp;

    @Test
    void commandLineStackIsFoundThroughItsStateFileAndStopsOnSigterm() throws Exception {
        Path stateFile = tmp.resolve("devstack.json");
        Path output = tmp.resolve("cli.out");
        // stdin at end of file, as for `java -jar ... &`: the command-line mode must not stop on it
        Process cli = launch(stateFile, output, "--database", "cli_db");
        try {
            Servers.await(Duration.ofSeconds(120), "state file of a running devstack",
                    () -> StateFile.findRunning(stateFile).isPresent() || !cli.isAlive());
            assertTrue(cli.isAlive(), "the CLI exited:\n" + Files.readString(output));
            StateFile.RunningStack running = StateFile.findRunning(stateFile).orElseThrow();
            ConnectionSettings s = running.settings();
            assertEquals(cli.pid(), running.pid());

            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertTrue(printed.contains("LEXGUARD_DEVSTACK_READY {"), printed);
            assertTrue(printed.contains("export LEXGUARD_PG_URL=postgresql://127.0.0.1:" + s.pgPort()), printed);
            assertTrue(printed.contains("export LEXGUARD_KAFKA_BOOTSTRAP_SERVERS=" + s.kafkaBootstrapServers()), printed);
            assertTrue(printed.contains("jdbc:postgresql://127.0.0.1:" + s.pgPort() + "/identity"), printed);

            DevStackResource resource = new DevStackResource(Map.of(), stateFile);
            resource.init(Map.of("database", "cli_db", "kafkaPrincipal", "identity-service"));
            Map<String, String> config = resource.start();
            assertEquals(DevStackSource.STATE_FILE, resource.source());
            assertEquals(s.jdbcUrl("cli_db"), config.get("quarkus.datasource.jdbc.url"));
            assertEquals(s.kafkaBootstrapServers(), config.get("kafka.bootstrap.servers"));
            Servers.produce(s, "lexguard.cli.events", "firm-9", "via-cli");
            assertEquals("via-cli", Servers.consume(s, "lexguard.cli.events", "firm-9", Duration.ofSeconds(30)));
            resource.stop();

            Process second = launch(stateFile, tmp.resolve("second.out"));
            assertTrue(second.waitFor(60, TimeUnit.SECONDS), "a second devstack on the same state file must refuse");
            assertNotEquals(0, second.exitValue());
            String refused = Files.readString(tmp.resolve("second.out"));
            assertTrue(refused.contains("a devstack is already running (pid " + cli.pid()), refused);
            assertTrue(Files.exists(stateFile), "the refused start must not touch the running stack's state file");

            Map<String, String> state = StateFile.read(stateFile).orElseThrow();
            long postgresPid = Long.parseLong(state.get("postgresPid"));
            long kafkaPid = Long.parseLong(state.get("kafkaPid"));
            Path dataDir = Path.of(state.get("dataDir"));

            cli.destroy();
            assertTrue(cli.waitFor(60, TimeUnit.SECONDS), "SIGTERM did not stop the CLI");
            Servers.awaitStopped(s, postgresPid, kafkaPid);
            assertFalse(Files.exists(stateFile), "state file left behind");
            DevStackLifecycleTest.assertDirectoryGone(dataDir);
            assertTrue(Files.readString(output).contains(Protocol.STOPPED));
            assertEquals("", Servers.descendants(), "processes left behind");
        } finally {
            cli.destroyForcibly();
        }
    }

    private static Process launch(Path stateFile, Path output, String... extra) throws Exception {
        String classes = Path.of(DevStack.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        List<String> command = new ArrayList<>(List.of(SupervisorClasspath.javaExecutable().toString(),
                "-cp", classes, DevStackLauncher.class.getName(),
                "--pg-port", "0", "--kafka-port", "0", "--state-file", stateFile.toString()));
        command.addAll(List.of(extra));
        return new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
    }
}
