package dev.lexguard.devstack;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SettingsAndOptionsTest {

    @Test
    void urlsNameTheDatabase() {
        ConnectionSettings s = new ConnectionSettings("127.0.0.1", 15432, "postgres", "postgres", "127.0.0.1:19092",
                Path.of("credentials.properties"));
        assertEquals("jdbc:postgresql://127.0.0.1:15432/identity", s.jdbcUrl("identity"));
        assertEquals("postgresql://127.0.0.1:15432/feed", s.reactiveUrl("feed"));
        assertEquals("postgresql://[::1]:5432/feed",
                new ConnectionSettings("::1", 5432, "u", "p", "k:1", Path.of("c")).reactiveUrl("feed"));
        assertThrows(IllegalArgumentException.class, () -> s.jdbcUrl("feed?user=admin"));
    }

    @Test
    void defaultsAreAPrivateEphemeralStackWithTheServiceDatabases() {
        DevStackOptions defaults = DevStackOptions.defaults();
        assertEquals(0, defaults.pgPort());
        assertEquals(0, defaults.kafkaPort());
        assertNull(defaults.dataDir());
        assertEquals(List.of("identity", "permissions", "sharing", "sessions", "feed", "mailer", "console"), defaults.databases());
    }

    @Test
    void withersKeepTheOtherSettings() {
        DevStackOptions options = DevStackOptions.defaults().withPgPort(15432).withKafkaPort(19092)
                .withDataDir(Path.of("/var/tmp/lexguard")).withDatabases("audit", "identity", "audit");
        assertEquals(15432, options.pgPort());
        assertEquals(19092, options.kafkaPort());
        assertEquals(Path.of("/var/tmp/lexguard"), options.dataDir());
        assertEquals(List.of("identity", "permissions", "sharing", "sessions", "feed", "mailer", "console", "audit"), options.databases());
    }

    @Test
    void invalidOptionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> DevStackOptions.defaults().withPgPort(70000));
        assertThrows(IllegalArgumentException.class, () -> DevStackOptions.defaults().withKafkaPort(-1));
        assertThrows(IllegalArgumentException.class, () -> DevStackOptions.defaults().withDatabases("Robert'); DROP"));
        assertThrows(IllegalArgumentException.class, () -> DevStackOptions.defaults().withDatabases("x".repeat(64)));
    }

    @Test
    void commandLineArgumentsAreParsedAndCheckedInBothModes() {
        DevStackMain.Arguments cli = DevStackMain.Arguments.parse(new String[] {"--data-dir", "/d", "--database", "audit"});
        assertEquals(15432, cli.pgPort);
        assertEquals(19092, cli.kafkaPort);
        assertEquals(Path.of("/d"), cli.dataDir);
        assertEquals(StateFile.defaultPath(), cli.stateFile);
        assertEquals(List.of("identity", "permissions", "sharing", "sessions", "feed", "mailer", "console", "audit"), List.copyOf(cli.databases));

        DevStackMain.Arguments control = DevStackMain.Arguments.parse(new String[] {"--control-stdin"});
        assertEquals(0, control.pgPort);
        assertEquals(0, control.kafkaPort);

        assertThrows(IllegalArgumentException.class, () -> DevStackMain.Arguments.parse(new String[] {"--pg-port"}));
        assertThrows(IllegalArgumentException.class, () -> DevStackMain.Arguments.parse(new String[] {"--pg-port", "x"}));
        assertThrows(IllegalArgumentException.class, () -> DevStackMain.Arguments.parse(new String[] {"--bogus"}));
    }
}
