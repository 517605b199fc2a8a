package dev.lexguard.devstack;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Kafka client settings for code running inside a {@code @QuarkusTest} that uses {@link DevStackResource}: the broker
 * and the credentials file come from the test's configuration, so a test can act as any principal, as the owner of a
 * topic would (to put events on it), or as an integrator would (to read them).
 */
public final class KafkaTestClients {

    private static final Map<Map<String, Object>, Producer<String, String>> PRODUCERS = new HashMap<>();
    /** A devstack's passwords do not change while it runs: read once per credentials file. */
    private static final Map<Path, KafkaCredentials> CREDENTIALS = new ConcurrentHashMap<>();

    private KafkaTestClients() {
    }

    /** Signs in as {@code principal}. */
    public static Map<String, Object> as(String principal) {
        Config config = ConfigProvider.getConfig();
        Path file = Path.of(config.getValue(DevStackResource.CREDENTIALS_KEY, String.class));
        return CREDENTIALS.computeIfAbsent(file, KafkaCredentials::load)
                .clientConfig(config.getValue("kafka.bootstrap.servers", String.class), principal);
    }

    /**
     * Signs in as the one principal allowed to write {@code topic} ({@link KafkaAccess#writerOf}); for a topic that
     * is not LexGuard's, as the application under test.
     */
    public static Map<String, Object> asWriterOf(String topic) {
        return as(KafkaAccess.writerOf(topic).map(KafkaAccess.Principal::name)
                .orElseGet(() -> ConfigProvider.getConfig().getValue("lexguard.kafka.username", String.class)));
    }

    /**
     * A producer signed in as the writer of {@code topic} ({@link #asWriterOf}), acks from every replica; one per
     * principal and broker, kept for the test JVM (tests publish often, and a producer takes a moment to connect).
     */
    public static Producer<String, String> producerFor(String topic) {
        Map<String, Object> config = new HashMap<>(asWriterOf(topic));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        synchronized (PRODUCERS) {
            return PRODUCERS.computeIfAbsent(config,
                    c -> new KafkaProducer<>(c, new StringSerializer(), new StringSerializer()));
        }
    }

    /**
     * Signs in as someone allowed to read {@code topic}: the example integrator for the events topics, the
     * administrator for anything else (dead letters are an operator's to read).
     */
    public static Map<String, Object> asReaderOf(String topic) {
        return as(KafkaAccess.EVENT_TOPICS.contains(topic) ? KafkaAccess.INTEGRATOR.name() : KafkaAccess.ADMIN);
    }
}
