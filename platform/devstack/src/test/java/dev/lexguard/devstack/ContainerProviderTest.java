package dev.lexguard.devstack;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The container provider against a real engine: runs where {@code LEXGUARD_DEVSTACK=containers} (CI's container
 * phase, on podman), and then fails, never skips, when no engine or image answers.
 */
class ContainerProviderTest {

    @Test
    void postgresAndKafkaRunAsContainersOnTheLoopbackAndLeaveNothingBehind() throws Exception {
        assumeTrue("containers".equals(System.getenv(DevStackProvider.ENV)),
                "runs with LEXGUARD_DEVSTACK=containers (deploy/images/build, then an engine's socket)");
        DevStack stack = DevStack.start(DevStackOptions.defaults().withDatabases("containers_extra"));
        ConnectionSettings s = stack.settings();
        try {
            assertTrue(stack.inContainers());
            assertTrue(stack.isOwned());
            assertEquals("127.0.0.1", s.pgHost());
            assertEquals(2, Servers.containerIds().size(), "one PostgreSQL and one Kafka container");
            try (Connection c = Servers.connect(s, "postgres"); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_database WHERE datname IN "
                            + "('identity','permissions','sharing','sessions','feed','mailer','console','containers_extra')")) {
                rs.next();
                assertEquals(8, rs.getInt(1));
            }
            try (Connection c = Servers.connect(s, "permissions"); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SHOW server_version")) {
                rs.next();
                assertTrue(rs.getString(1).startsWith("17."), rs.getString(1));
            }

            Servers.produce(s, KafkaAccess.PERMISSIONS_EVENTS, "firm-c", "before-restart");
            assertEquals("before-restart", Servers.consume(s, KafkaAccess.PERMISSIONS_EVENTS, "firm-c", Duration.ofSeconds(30)));

            stack.stopKafka();
            assertFalse(Servers.accepts("127.0.0.1", Servers.kafkaPort(s)), "Kafka port still open after stopKafka");
            assertTrue(Servers.accepts(s.pgHost(), s.pgPort()), "PostgreSQL must keep running while Kafka is down");
            stack.startKafka();
            assertEquals("before-restart", Servers.consume(s, KafkaAccess.PERMISSIONS_EVENTS, "firm-c", Duration.ofSeconds(30)),
                    "the broker's storage survives a stop and start of its container");
        } finally {
            stack.close();
        }
        assertEquals(List.of(), Servers.containerIds(), "containers left behind");
        assertFalse(Servers.accepts(s.pgHost(), s.pgPort()));
    }
}
