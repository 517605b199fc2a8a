package dev.lexguard.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersistentDataDirTest {

    @TempDir
    Path dataDir;

    @Test
    void rowsAndRecordsSurviveARestartOfTheStack() throws Exception {
        String topic = "lexguard.persistent.events";
        try (DevStack first = DevStack.start(DevStackOptions.defaults().withDataDir(dataDir))) {
            assertEquals(dataDir, first.dataDir().orElseThrow());
            try (Connection c = Servers.connect(first.settings(), "sharing"); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE shares (id bigint PRIMARY KEY, title text)");
                st.execute("INSERT INTO shares VALUES (7, 'engagement letter')");
            }
            Servers.produce(first.settings(), topic, "firm-7", "kept");
        }
        assertTrue(Files.isDirectory(dataDir.resolve("postgres")), "PostgreSQL data must be kept");
        assertTrue(Files.isDirectory(dataDir.resolve("kafka")), "Kafka logs must be kept");

        try (DevStack second = DevStack.start(DevStackOptions.defaults().withDataDir(dataDir))) {
            try (Connection c = Servers.connect(second.settings(), "sharing"); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT title FROM shares WHERE id = 7")) {
                assertTrue(rs.next(), "the row written before the restart is gone");
                assertEquals("engagement letter", rs.getString(1));
            }
            assertEquals("kept", Servers.consume(second.settings(), topic, "firm-7", Duration.ofSeconds(30)));
        }
        assertTrue(Files.isDirectory(dataDir.resolve("postgres")));
    }
}
