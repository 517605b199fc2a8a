package dev.lexguard.platform.events.outbox;

import dev.lexguard.platform.events.config.EventsConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;

/**
 * Sends outbox rows to Kafka from a dedicated thread (JDBC and blocking waits never touch an event
 * loop). It wakes on {@code NOTIFY lexguard_outbox}, polls as a fallback, backs off exponentially
 * while the broker is unreachable and purges sent rows after the retention period.
 */
@Singleton
public class OutboxRelay {

    static final String CHANNEL = "lexguard_outbox";
    private static final String BACKLOG = """
            select count(*), coalesce(extract(epoch from now() - min(created_at)), 0)::bigint
            from lexguard_outbox where sent_at is null""";
    private static final String PURGE = "delete from lexguard_outbox where sent_at < now() - make_interval(secs => ?)";

    private final EventsConfig.Relay settings;
    private final String service;
    private final AgroalDataSource dataSource;
    private final OutboxMetrics metrics;
    private final Map<String, Object> kafka;

    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private volatile boolean running;
    private volatile Thread thread;
    private volatile Admin admin;
    private Producer<String, String> producer;
    private Connection listenConnection;
    private PGConnection listener;

    public OutboxRelay(EventsConfig config, AgroalDataSource dataSource, OutboxMetrics metrics,
            @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.settings = config.relay();
        this.service = config.service();
        this.dataSource = dataSource;
        this.metrics = metrics;
        this.kafka = Map.copyOf(kafka);
    }

    void onStart(@Observes StartupEvent event) {
        if (!settings.enabled()) {
            Log.info("outbox relay disabled (lexguard.events.relay.enabled=false)");
            return;
        }
        Map<String, Object> adminSettings = new HashMap<>(kafka);
        adminSettings.put(AdminClientConfig.CLIENT_ID_CONFIG, "lexguard-outbox-health-" + service);
        admin = Admin.create(adminSettings);
        running = true;
        Thread relayThread = new Thread(this::run, "lexguard-outbox-relay");
        relayThread.setDaemon(true);
        thread = relayThread;
        relayThread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        Thread relayThread = thread;
        if (relayThread == null) {
            return;
        }
        running = false;
        stopSignal.countDown();
        try {
            relayThread.join(settings.deliveryTimeout().plus(settings.pollInterval()).plusSeconds(5).toMillis());
            if (relayThread.isAlive()) {
                relayThread.interrupt();
                relayThread.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(2));
    }

    public boolean isEnabled() {
        return settings.enabled();
    }

    /** True while the relay thread is alive and has not been asked to stop. */
    public boolean isRunning() {
        Thread relayThread = thread;
        return running && relayThread != null && relayThread.isAlive();
    }

    /** The relay's admin client (for the readiness check); null when the relay is disabled. */
    public Admin admin() {
        return admin;
    }

    private void run() {
        Log.infof("outbox relay started (batch %d, poll %s, backoff %s..%s)", settings.batchSize(),
                settings.pollInterval(), settings.backoffInitial(), settings.backoffMax());
        Duration backoff = settings.backoffInitial();
        Instant nextPurge = Instant.now();
        try {
            while (running) {
                try {
                    listen();
                    OutboxPublisher.BatchResult result = publisher().publishBatch();
                    if (result.published() > 0) {
                        metrics.published(result.published());
                    }
                    if (result.failure() != null) {
                        metrics.publishFailed();
                        Log.warnf("outbox relay: Kafka acknowledged %d of %d events (%s); retrying in %s",
                                result.published(), result.selected(), result.failure().toString(), backoff);
                        closeProducer(Duration.ZERO);
                        measureBacklog();
                        pause(backoff);
                        backoff = next(backoff);
                        continue;
                    }
                    backoff = settings.backoffInitial();
                    if (result.full(settings.batchSize())) {
                        continue;
                    }
                    if (!Instant.now().isBefore(nextPurge)) {
                        purge();
                        nextPurge = Instant.now().plus(settings.purgeInterval());
                    }
                    measureBacklog();
                    awaitNotification();
                } catch (SQLException | RuntimeException e) {
                    Log.warnf("outbox relay: %s; retrying in %s", e.toString(), backoff);
                    closeListener();
                    pause(backoff);
                    backoff = next(backoff);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeListener();
            closeProducer(Duration.ofSeconds(5));
            Log.info("outbox relay stopped");
        }
    }

    private OutboxPublisher publisher() {
        if (producer == null) {
            producer = createProducer();
        }
        // A small ack margin over the delivery timeout: the producer itself fails the send first.
        return new OutboxPublisher(dataSource, producer, settings.batchSize(), settings.lockKey(),
                settings.deliveryTimeout().plusSeconds(5));
    }

    private Producer<String, String> createProducer() {
        long deliveryMs = settings.deliveryTimeout().toMillis();
        // the broker and how to sign in to it (kafka.* configuration: bootstrap servers, SASL), then the relay's own
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "lexguard-outbox-relay-" + service);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryMs);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(30_000, Math.max(1, deliveryMs / 2)));
        // While the broker is down, send() blocks for metadata; bound it like the delivery itself.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, deliveryMs);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.putAll(settings.producer());
        return new KafkaProducer<>(props);
    }

    private void listen() throws SQLException {
        if (listener != null) {
            return;
        }
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
            }
            listener = connection.unwrap(PGConnection.class);
            listenConnection = connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private void awaitNotification() throws SQLException {
        // Returns at once when a NOTIFY arrived since the last call (they queue on the connection),
        // so a commit between the batch and this wait is never missed.
        listener.getNotifications((int) Math.max(1, settings.pollInterval().toMillis()));
    }

    private void measureBacklog() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(BACKLOG);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            metrics.backlog(rs.getLong(1), rs.getLong(2));
        }
    }

    private void purge() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(PURGE)) {
            statement.setDouble(1, settings.retention().toSeconds());
            int purged = statement.executeUpdate();
            if (purged > 0) {
                Log.infof("outbox relay purged %d sent events older than %s", purged, settings.retention());
            }
        }
    }

    private void pause(Duration duration) throws InterruptedException {
        stopSignal.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Duration next(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(settings.backoffMax()) > 0 ? settings.backoffMax() : doubled;
    }

    private void closeProducer(Duration timeout) {
        if (producer != null) {
            try {
                producer.close(timeout);
            } catch (RuntimeException e) {
                Log.debugf("closing the outbox producer: %s", e.toString());
            }
            producer = null;
        }
    }

    private void closeListener() {
        if (listenConnection != null) {
            try {
                listenConnection.close();
            } catch (SQLException e) {
                Log.debugf("closing the outbox listener: %s", e.toString());
            }
        }
        listenConnection = null;
        listener = null;
    }
}
