package dev.lexguard.devstack;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager.TestInjector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DevStackResourceTest {

    private static DevStack stack;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startStack() {
        stack = DevStack.start(DevStackOptions.defaults());
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    @Test
    void environmentVariablesTakePrecedenceOverARunningDevstack() throws Exception {
        Path stateFile = writeStateFileFor(stack);
        ConnectionSettings s = stack.settings();
        Map<String, String> env = Map.of(
                "LEXGUARD_PG_URL", "postgresql://localhost:" + s.pgPort(),
                "LEXGUARD_PG_USER", s.pgUser(),
                "LEXGUARD_PG_PASSWORD", s.pgPassword(),
                "LEXGUARD_KAFKA_BOOTSTRAP_SERVERS", "localhost:" + Servers.kafkaPort(s),
                "LEXGUARD_KAFKA_CREDENTIALS", s.kafkaCredentialsFile().toString());
        DevStackResource resource = new DevStackResource(env, stateFile);
        resource.init(Map.of("database", "env_db", "kafkaPrincipal", "identity-service"));

        Map<String, String> config = resource.start();

        assertEquals(DevStackSource.ENVIRONMENT, resource.source());
        assertEquals(Map.of(
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres",
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + s.pgPort() + "/env_db",
                "quarkus.datasource.reactive.url", "postgresql://localhost:" + s.pgPort() + "/env_db",
                "kafka.bootstrap.servers", "localhost:" + Servers.kafkaPort(s),
                "lexguard.kafka.username", "identity-service",
                "lexguard.kafka.password", s.kafkaCredentials().password("identity-service"),
                DevStackResource.CREDENTIALS_KEY, s.kafkaCredentialsFile().toString()), config);
        assertDatabaseExists(s, "env_db");
        resource.stop();
        assertTrue(Servers.accepts(s.pgHost(), s.pgPort()), "stop() must leave external servers running");
    }

    @Test
    void aRunningDevstackFoundThroughTheStateFileIsReused() throws Exception {
        Path stateFile = writeStateFileFor(stack);
        ConnectionSettings s = stack.settings();
        DevStackResource resource = new DevStackResource(Map.of(), stateFile);
        resource.init(Map.of("database", "state_db", "kafkaPrincipal", "identity-service"));

        Map<String, String> config = resource.start();

        assertEquals(DevStackSource.STATE_FILE, resource.source());
        assertEquals(s.jdbcUrl("state_db"), config.get("quarkus.datasource.jdbc.url"));
        assertEquals(s.reactiveUrl("state_db"), config.get("quarkus.datasource.reactive.url"));
        assertEquals(s.kafkaBootstrapServers(), config.get("kafka.bootstrap.servers"));
        assertDatabaseExists(s, "state_db");

        TestClassWithStack testInstance = new TestClassWithStack();
        resource.inject(new FieldInjector(testInstance));
        assertEquals(s, testInstance.stack.settings());
        assertFalse(testInstance.stack.isOwned(), "a reused stack belongs to whoever started it");
        assertThrows(IllegalStateException.class, testInstance.stack::stopKafka);

        resource.stop();
        assertTrue(Servers.accepts(s.pgHost(), s.pgPort()), "stop() must leave a reused devstack running");
    }

    @Test
    void isolatedResourceStartsItsOwnStackAndStopsIt() {
        ConnectionSettings s = stack.settings();
        Map<String, String> env = Map.of(
                "LEXGUARD_PG_URL", "postgresql://127.0.0.1:" + s.pgPort(),
                "LEXGUARD_PG_USER", s.pgUser(),
                "LEXGUARD_PG_PASSWORD", s.pgPassword(),
                "LEXGUARD_KAFKA_BOOTSTRAP_SERVERS", s.kafkaBootstrapServers());
        DevStackResource resource = new DevStackResource(env, writeStateFileFor(stack));
        resource.init(Map.of("database", "isolated_db", "isolated", "true", "kafkaPrincipal", "sharing-service"));

        Map<String, String> config = resource.start();
        TestClassWithStack testInstance = new TestClassWithStack();
        resource.inject(new FieldInjector(testInstance));
        DevStack own = testInstance.stack;

        assertEquals(DevStackSource.PRIVATE, resource.source());
        assertTrue(own.isOwned());
        assertNotEquals(s.pgPort(), own.settings().pgPort());
        assertNotEquals(s.kafkaBootstrapServers(), own.settings().kafkaBootstrapServers());
        assertEquals(own.settings().jdbcUrl("isolated_db"), config.get("quarkus.datasource.jdbc.url"));
        assertDatabaseExists(own.settings(), "isolated_db");

        resource.stop();
        Servers.awaitStopped(own.settings(), own.supervisorPid().orElseThrow(), own.postgresPid().orElseThrow());
        assertTrue(Servers.accepts(s.pgHost(), s.pgPort()), "the shared stack must be untouched");
    }

    @Test
    void withoutEnvironmentOrDevstackOnePrivateStackIsSharedUntilTheLastResourceStops() {
        Path noStateFile = tmp.resolve("absent.json");
        DevStackResource first = new DevStackResource(Map.of(), noStateFile);
        first.init(Map.of("database", "identity"));
        DevStackResource second = new DevStackResource(Map.of(), noStateFile);
        second.init(Map.of("database", "feed"));

        Map<String, String> firstConfig = first.start();
        Map<String, String> secondConfig = second.start();

        assertEquals(DevStackSource.PRIVATE, first.source());
        assertEquals(DevStackSource.PRIVATE, second.source());
        assertSame(first.stack(), second.stack());
        ConnectionSettings shared = first.stack().settings();
        assertNotEquals(stack.settings().pgPort(), shared.pgPort());
        assertEquals(shared.jdbcUrl("identity"), firstConfig.get("quarkus.datasource.jdbc.url"));
        assertEquals(shared.jdbcUrl("feed"), secondConfig.get("quarkus.datasource.jdbc.url"));

        first.stop();
        assertTrue(Servers.accepts(shared.pgHost(), shared.pgPort()), "still in use by the second resource");
        second.stop();
        Servers.awaitStopped(shared);
    }

    @Test
    void partialEnvironmentIsRejected() {
        DevStackResource resource = new DevStackResource(
                Map.of("LEXGUARD_PG_URL", "postgresql://127.0.0.1:5432"), tmp.resolve("absent.json"));
        resource.init(Map.of("database", "identity"));

        IllegalStateException failure = assertThrows(IllegalStateException.class, resource::start);
        assertTrue(failure.getMessage().contains("LEXGUARD_KAFKA_BOOTSTRAP_SERVERS"), failure.getMessage());
        assertTrue(failure.getMessage().contains("LEXGUARD_PG_USER"), failure.getMessage());
    }

    @Test
    void environmentUrlMustNameTheServerOnly() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LEXGUARD_PG_URL", "postgresql://db.internal:5433/identity");
        env.put("LEXGUARD_PG_USER", "u");
        env.put("LEXGUARD_PG_PASSWORD", "p");
        env.put("LEXGUARD_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
        env.put("LEXGUARD_KAFKA_CREDENTIALS", "/etc/lexguard/kafka.properties");
        assertThrows(IllegalStateException.class, () -> DevStackResource.fromEnvironment(env));

        env.put("LEXGUARD_PG_URL", "jdbc:postgresql://db.internal:5433");
        assertThrows(IllegalStateException.class, () -> DevStackResource.fromEnvironment(env));

        env.put("LEXGUARD_PG_URL", "postgresql://db.internal:5433");
        ConnectionSettings parsed = DevStackResource.fromEnvironment(env).orElseThrow();
        assertEquals(new ConnectionSettings("db.internal", 5433, "u", "p", "kafka:9092",
                Path.of("/etc/lexguard/kafka.properties")), parsed);
        assertTrue(DevStackResource.fromEnvironment(Map.of()).isEmpty());
    }

    @Test
    void databaseInitArgIsRequiredAndMustBeAPlainIdentifier() {
        DevStackResource resource = new DevStackResource(Map.of(), tmp.resolve("absent.json"));
        assertThrows(IllegalArgumentException.class, () -> resource.init(Map.of()));
        assertThrows(IllegalArgumentException.class, () -> resource.init(Map.of("database", "Identity-DB")));
        assertThrows(IllegalStateException.class, resource::start);
    }

    @Test
    void staleOrBrokenStateFilesAreIgnored() throws Exception {
        ConnectionSettings s = stack.settings();
        Path file = tmp.resolve("devstack.json");

        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        StateFile.write(file, describe(finished.pid(), s));
        assertTrue(StateFile.findRunning(file).isEmpty(), "dead supervisor pid");

        ConnectionSettings closedPorts = new ConnectionSettings("127.0.0.1", Ports.freePort(), "postgres", "postgres",
                "127.0.0.1:" + Ports.freePort(), s.kafkaCredentialsFile());
        StateFile.write(file, describe(ProcessHandle.current().pid(), closedPorts));
        assertTrue(StateFile.findRunning(file).isEmpty(), "live pid but nothing listening");

        Files.writeString(file, "{\"pid\": 12, \"pgPort\": ");
        assertTrue(StateFile.findRunning(file).isEmpty(), "truncated file");

        assertTrue(StateFile.findRunning(tmp.resolve("missing.json")).isEmpty());

        StateFile.write(file, describe(stack.supervisorPid().orElseThrow(), s));
        assertEquals(s, StateFile.findRunning(file).orElseThrow().settings());
    }

    private Path writeStateFileFor(DevStack running) {
        Path file = tmp.resolve("state").resolve("devstack.json");
        StateFile.write(file, describe(running.supervisorPid().orElseThrow(), running.settings()));
        return file;
    }

    private static Map<String, Object> describe(long pid, ConnectionSettings s) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("pgHost", s.pgHost());
        values.put("pgPort", s.pgPort());
        values.put("pgUser", s.pgUser());
        values.put("pgPassword", s.pgPassword());
        values.put("kafkaBootstrapServers", s.kafkaBootstrapServers());
        values.put("kafkaCredentials", s.kafkaCredentialsFile().toString());
        values.put("pid", pid);
        return values;
    }

    private static void assertDatabaseExists(ConnectionSettings s, String database) {
        try (Connection c = Servers.connect(s, database)) {
            assertTrue(c.isValid(2));
        } catch (SQLException e) {
            throw new AssertionError("database " + database + " is not there", e);
        }
    }

    static final class TestClassWithStack {
        @InjectDevStack
        DevStack stack;

        DevStack notAnnotated;
    }

    /** What Quarkus' TestResourceManager does with inject(TestInjector): set matching fields of the test instance. */
    private record FieldInjector(Object testInstance) implements TestInjector {
        @Override
        public void injectIntoFields(Object value, Predicate<Field> predicate) {
            for (Field field : testInstance.getClass().getDeclaredFields()) {
                if (predicate.test(field)) {
                    field.setAccessible(true);
                    try {
                        field.set(testInstance, value);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            assertEquals(null, ((TestClassWithStack) testInstance).notAnnotated, "only annotated fields");
        }
    }
}
