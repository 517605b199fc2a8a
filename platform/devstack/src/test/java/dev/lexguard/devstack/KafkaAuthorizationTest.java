package dev.lexguard.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The devstack's broker as an attacker meets it: no anonymous or wrong-password client, least privilege for each principal. */
class KafkaAuthorizationTest {

    private static DevStack stack;
    private static ConnectionSettings settings;

    @BeforeAll
    static void start() {
        stack = DevStack.start(DevStackOptions.defaults());
        settings = stack.settings();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void anonymousClientCannotProduceOrConsume() {
        Map<String, Object> anonymous = new HashMap<>(Map.of("bootstrap.servers", settings.kafkaBootstrapServers()));
        assertThrows(ExecutionException.class, () -> produce(anonymous, KafkaAccess.PERMISSIONS_EVENTS));
        assertTrue(consumeFails(anonymous, KafkaAccess.PERMISSIONS_EVENTS, "permissions-service-anon"),
                "an anonymous consumer got an answer");
    }

    @Test
    void wrongPasswordIsRefused() {
        Map<String, Object> config = new HashMap<>(settings.kafkaClientConfig(KafkaAccess.PERMISSIONS.name()));
        config.put("sasl.jaas.config", KafkaCredentials.jaasConfig(KafkaAccess.PERMISSIONS.name(), "not-the-password"));
        ExecutionException refused = assertThrows(ExecutionException.class, () -> produce(config, KafkaAccess.PERMISSIONS_EVENTS));
        assertRefusedBy(SaslAuthenticationException.class, refused, "a wrong password");
    }

    @Test
    void aServiceWritesItsOwnTopicOnly() throws Exception {
        Map<String, Object> permissions = settings.kafkaClientConfig(KafkaAccess.PERMISSIONS.name());
        produce(permissions, KafkaAccess.PERMISSIONS_EVENTS);
        for (String foreign : List.of(KafkaAccess.IDENTITY_EVENTS, KafkaAccess.ACTIVITY_EVENTS, "lexguard.identity.dlq",
                "lexguard.made-up.events")) {
            ExecutionException refused = assertThrows(ExecutionException.class, () -> produce(permissions, foreign), foreign);
            assertRefusedBy(TopicAuthorizationException.class, refused, foreign);
        }
    }

    @Test
    void onlyThePracticeCoreWritesActivityEvents() throws Exception {
        produce(settings.kafkaClientConfig(KafkaAccess.PRACTICE_CORE.name()), KafkaAccess.ACTIVITY_EVENTS);
        for (KafkaAccess.Principal service : List.of(KafkaAccess.IDENTITY, KafkaAccess.PERMISSIONS, KafkaAccess.SHARING,
                KafkaAccess.SESSIONS, KafkaAccess.FEED, KafkaAccess.GATEWAY)) {
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> produce(settings.kafkaClientConfig(service.name()), KafkaAccess.ACTIVITY_EVENTS), service.name());
            assertRefusedBy(TopicAuthorizationException.class, refused, service.name());
        }
    }

    @Test
    void aServiceReadsOnlyWhatItConsumesWithItsOwnGroups() {
        Map<String, Object> permissions = settings.kafkaClientConfig(KafkaAccess.PERMISSIONS.name());
        assertFalse(consumeFails(permissions, KafkaAccess.IDENTITY_EVENTS, "permissions-service-probe-" + UUID.randomUUID()));
        assertRefusedBy(TopicAuthorizationException.class,
                consumeFailure(permissions, KafkaAccess.SESSIONS_EVENTS, "permissions-service-probe-" + UUID.randomUUID()), "sessions");
        assertRefusedBy(TopicAuthorizationException.class,
                consumeFailure(permissions, KafkaAccess.SHARING_EVENTS, "permissions-service-probe-" + UUID.randomUUID()), "sharing");
        assertRefusedBy(GroupAuthorizationException.class,
                consumeFailure(permissions, KafkaAccess.IDENTITY_EVENTS, "identity-service"), "identity's group");
    }

    @Test
    void theIntegratorReadsAndCannotWriteAnything() {
        Map<String, Object> integrator = settings.kafkaClientConfig(KafkaAccess.INTEGRATOR.name());
        for (String topic : KafkaAccess.EVENT_TOPICS) {
            assertFalse(consumeFails(integrator, topic, "integrator-" + UUID.randomUUID()), topic);
            ExecutionException refused = assertThrows(ExecutionException.class, () -> produce(integrator, topic), topic);
            // a principal with no write anywhere is refused the producer id already (cluster), before any topic
            assertRefusedBy(AuthorizationException.class, refused, topic);
        }
    }

    @Test
    void theBrokerHoldsExactlyTheMatrixAcls() throws Exception {
        try (Admin admin = Admin.create(KafkaAdmin.adminConfig(settings.kafkaBootstrapServers(), settings.kafkaCredentials()))) {
            Set<AclBinding> actual = new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS));
            for (KafkaAccess.Principal principal : KafkaAccess.PRINCIPALS) {
                Set<AclBinding> ofPrincipal = new HashSet<>();
                actual.stream().filter(b -> b.entry().principal().equals("User:" + principal.name())).forEach(ofPrincipal::add);
                assertEquals(KafkaAdmin.bindings(principal), ofPrincipal, principal.name());
            }
            assertTrue(actual.stream().noneMatch(b -> b.entry().principal().equals("User:*")), "nothing is granted to everyone");
        }
    }

    @Test
    void passwordsAreTheOwnersAloneAndInNoLog() throws Exception {
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(settings.kafkaCredentialsFile()));
        if (stack.inContainers()) {
            // the broker's own server.properties lives in its container; what the engine logged of both is checked
            String logs = Servers.containerLogs();
            assertFalse(logs.isEmpty());
            for (Map.Entry<String, String> principal : settings.kafkaCredentials().all().entrySet()) {
                assertFalse(logs.contains(principal.getValue()), "the containers' output shows " + principal.getKey() + "'s password");
            }
            return;
        }
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(settings.kafkaCredentialsFile().resolveSibling("server.properties")));
        List<Path> logs;
        try (Stream<Path> files = Files.list(stack.dataDir().orElseThrow().resolve("logs"))) {
            logs = files.toList();
        }
        assertFalse(logs.isEmpty());
        for (Path log : logs) {
            String text = Files.readString(log);
            for (Map.Entry<String, String> principal : settings.kafkaCredentials().all().entrySet()) {
                assertFalse(text.contains(principal.getValue()), log.getFileName() + " shows " + principal.getKey() + "'s password");
            }
        }
    }

    /**
     * The refusal somewhere in the failure's causes: a producer that was refused its producer id (or a topic) may
     * report it from send() as a KafkaException "in an error state" whose cause is the refusal.
     */
    private static void assertRefusedBy(Class<? extends Exception> refusal, Throwable failure, String what) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (refusal.isInstance(t)) {
                return;
            }
        }
        throw new AssertionError(what + ": no " + refusal.getSimpleName() + " among the causes of " + failure, failure);
    }

    private static void produce(Map<String, Object> client, String topic) throws Exception {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 8000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 8000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "probe", "{}")).get(15, TimeUnit.SECONDS);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new ExecutionException(e);
        }
    }

    private static boolean consumeFails(Map<String, Object> client, String topic, String group) {
        return consumeFailure(client, topic, group) != null;
    }

    /** What a consumer of {@code group} meets when it subscribes to {@code topic} and polls: null if nothing refused it. */
    private static Exception consumeFailure(Map<String, Object> client, String topic, String group) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8000);
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(12).toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500));
                if (!consumer.assignment().isEmpty()) {
                    return null;
                }
            }
            return new IllegalStateException("no partitions assigned to " + group + " within 12 s");
        } catch (org.apache.kafka.common.KafkaException e) {
            return e;
        }
    }
}
