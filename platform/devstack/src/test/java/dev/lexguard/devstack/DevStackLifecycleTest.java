package dev.lexguard.devstack;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DevStackLifecycleTest {

    @Test
    void privateStackServesDatabasesAndKafkaSurvivesABrokerRestartAndLeavesNothingBehind() throws Exception {
        DevStack stack = DevStack.start(DevStackOptions.defaults().withDatabases("lifecycle_extra"));
        ConnectionSettings s = stack.settings();
        long supervisorPid = stack.supervisorPid().orElseThrow();
        long postgresPid = stack.postgresPid().orElseThrow();
        long firstKafkaPid = stack.kafkaPid().orElseThrow();
        Path dataDir = stack.dataDir().orElseThrow();
        try {
            assertTrue(Files.isDirectory(dataDir.resolve("postgres")));
            assertEquals("127.0.0.1", s.pgHost());
            assertEquals("jdbc:postgresql://127.0.0.1:" + s.pgPort() + "/identity", s.jdbcUrl("identity"));

            // every service database exists, plus the requested one
            try (Connection c = Servers.connect(s, "postgres"); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_database WHERE datname IN "
                            + "('identity','permissions','sharing','sessions','feed','lifecycle_extra')")) {
                rs.next();
                assertEquals(6, rs.getInt(1));
            }
            try (Connection c = Servers.connect(s, "identity"); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL UNIQUE)");
                st.execute("INSERT INTO users VALUES (1, 'ada@example.com')");
                SQLException duplicate = assertThrows(SQLException.class,
                        () -> st.execute("INSERT INTO users VALUES (2, 'ada@example.com')"));
                assertEquals("23505", duplicate.getSQLState());
                try (ResultSet rs = st.executeQuery("SELECT email FROM users WHERE id = 1")) {
                    assertTrue(rs.next());
                    assertEquals("ada@example.com", rs.getString(1));
                }
                try (ResultSet rs = st.executeQuery("SHOW server_version")) {
                    rs.next();
                    assertTrue(rs.getString(1).startsWith("17."), rs.getString(1));
                }
            }

            stack.ensureDatabase("created_later");
            stack.ensureDatabase("created_later");
            try (Connection c = Servers.connect(s, "created_later")) {
                assertTrue(c.isValid(2));
            }
            assertThrows(IllegalArgumentException.class, () -> stack.ensureDatabase("bad\"; DROP DATABASE identity; --"));

            String topic = "lexguard.lifecycle.events";
            Map<String, Object> adminConfig = s.kafkaClientConfig(KafkaAccess.ADMIN);
            try (Admin admin = Admin.create(adminConfig)) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            }
            Servers.produce(s, topic, "firm-1", "before-restart");
            assertEquals("before-restart", Servers.consume(s, topic, "firm-1", Duration.ofSeconds(30)));

            // auto-created topics get num.partitions=3
            Servers.produce(s, "lexguard.autocreated.events", "firm-2", "auto");
            try (Admin admin = Admin.create(adminConfig)) {
                Map<String, TopicDescription> described =
                        admin.describeTopics(List.of("lexguard.autocreated.events")).allTopicNames().get();
                assertEquals(3, described.get("lexguard.autocreated.events").partitions().size());
            }

            stack.stopKafka();
            assertFalse(Servers.accepts("127.0.0.1", Servers.kafkaPort(s)), "Kafka port still open after stopKafka");
            assertTrue(stack.kafkaPid().isEmpty());
            Servers.await(Duration.ofSeconds(10), "broker JVM gone", () -> !Servers.alive(firstKafkaPid));
            assertProduceFails(s, topic);
            assertTrue(Servers.accepts(s.pgHost(), s.pgPort()), "PostgreSQL must keep running while Kafka is down");

            // something else took the broker's port meanwhile: the restart fails and says why, the stack stays usable
            try (ServerSocket squatter = new ServerSocket()) {
                squatter.setReuseAddress(true);
                squatter.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), Servers.kafkaPort(s)));
                IllegalStateException refused = assertThrows(IllegalStateException.class, stack::startKafka);
                assertTrue(refused.getMessage().contains("Kafka port " + Servers.kafkaPort(s) + " is already in use"),
                        refused.getMessage());
            }

            stack.startKafka();
            assertNotEquals(firstKafkaPid, stack.kafkaPid().orElseThrow());
            assertEquals("before-restart", Servers.consume(s, topic, "firm-1", Duration.ofSeconds(30)));
            Servers.produce(s, topic, "firm-1b", "after-restart");
            assertEquals("after-restart", Servers.consume(s, topic, "firm-1b", Duration.ofSeconds(30)));
        } finally {
            stack.close();
        }
        stack.close();

        Servers.awaitStopped(s, supervisorPid, postgresPid, stack.kafkaPid().orElse(firstKafkaPid));
        assertFalse(Servers.alive(firstKafkaPid));
        assertEquals("", Servers.descendants(), "processes left behind");
        assertDirectoryGone(dataDir);
        assertThrows(IllegalStateException.class, stack::startKafka);
    }

    @Test
    void portInUseFailsTheStartWithAClearMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            IllegalStateException failure = assertThrows(IllegalStateException.class,
                    () -> DevStack.start(DevStackOptions.defaults().withPgPort(taken.getLocalPort())));
            assertTrue(failure.getMessage().contains("PostgreSQL port " + taken.getLocalPort() + " is already in use"),
                    failure.getMessage());
        }
        Servers.await(Duration.ofSeconds(10), "failed supervisor gone", () -> Servers.descendants().isEmpty());
    }

    @Test
    void externalHandleCreatesDatabasesButCannotStopServers() {
        try (DevStack stack = DevStack.start(DevStackOptions.defaults())) {
            DevStack external = DevStack.external(stack.settings());
            assertFalse(external.isOwned());
            assertTrue(external.supervisorPid().isEmpty());
            external.ensureDatabase("external_made");
            try (Connection c = Servers.connect(stack.settings(), "external_made")) {
                assertTrue(c.isValid(2));
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
            assertThrows(IllegalStateException.class, external::stopKafka);
            external.close();
            assertTrue(Servers.accepts(stack.settings().pgHost(), stack.settings().pgPort()),
                    "closing an external handle must not stop the servers");
        }
    }

    private static void assertProduceFails(ConnectionSettings s, String topic) {
        Map<String, Object> config = s.kafkaClientConfig(KafkaAccess.ADMIN);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            assertThrows(Exception.class, () -> producer.send(new ProducerRecord<>(topic, "k", "v")).get());
        }
    }

    static void assertDirectoryGone(Path dir) {
        Servers.await(Duration.ofSeconds(10), dir + " deleted", () -> !Files.exists(dir));
    }
}
