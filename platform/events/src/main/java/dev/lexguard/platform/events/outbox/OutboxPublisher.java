package dev.lexguard.platform.events.outbox;

import dev.lexguard.platform.events.envelope.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes one batch of pending outbox rows in one JDBC transaction: takes the relay's advisory lock
 * (so one replica publishes at a time and a firm's order holds), selects pending rows in id order,
 * sends them, waits for every ack and marks the acknowledged prefix sent. Rows after the first
 * failure stay pending and are sent again, in order, by a later batch.
 */
public final class OutboxPublisher {

    private static final String SELECT_PENDING = """
            select id, event_id, topic, firm_id, payload from lexguard_outbox
            where sent_at is null order by id limit ? for update skip locked""";
    private static final String MARK_SENT = "update lexguard_outbox set sent_at = clock_timestamp() where id = any(?)";

    private final DataSource dataSource;
    private final Producer<String, String> producer;
    private final int batchSize;
    private final long lockKey;
    private final Duration ackTimeout;

    public OutboxPublisher(DataSource dataSource, Producer<String, String> producer, int batchSize, long lockKey,
            Duration ackTimeout) {
        this.dataSource = dataSource;
        this.producer = producer;
        this.batchSize = batchSize;
        this.lockKey = lockKey;
        this.ackTimeout = ackTimeout;
    }

    /** Outcome of one batch. {@code failure} is the first send error, or null. */
    public record BatchResult(boolean lockHeld, int selected, int published, Throwable failure) {

        public boolean full(int batchSize) {
            return failure == null && selected >= batchSize;
        }
    }

    public BatchResult publishBatch() throws SQLException, InterruptedException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                BatchResult result = publishBatch(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | InterruptedException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private BatchResult publishBatch(Connection connection) throws SQLException, InterruptedException {
        if (!tryLock(connection)) {
            return new BatchResult(false, 0, 0, null);
        }
        List<Row> rows = selectPending(connection);
        if (rows.isEmpty()) {
            return new BatchResult(true, 0, 0, null);
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        AtomicReference<Throwable> sendFailure = new AtomicReference<>();
        for (Row row : rows) {
            // Stop at the first failure: a later row must not reach the topic ahead of an earlier one
            // that will be sent again (e.g. send() gave up waiting for metadata while the broker was
            // down, and the broker came back before the next send()).
            if (sendFailure.get() != null) {
                break;
            }
            try {
                acks.add(producer.send(row.toRecord(), (metadata, error) -> {
                    if (error != null) {
                        sendFailure.compareAndSet(null, error);
                    }
                }));
            } catch (RuntimeException e) {
                sendFailure.compareAndSet(null, e);
                break;
            }
        }
        Throwable failure = sendFailure.get();
        int acked = 0;
        boolean prefixIntact = true;
        for (Future<RecordMetadata> ack : acks) {
            // Wait for every ack even after a failure, so no send of this batch is still in flight when
            // the rows are released; the producer's delivery timeout bounds each wait.
            Throwable error = await(ack);
            if (error == null && prefixIntact) {
                acked++;
            } else if (error != null) {
                prefixIntact = false;
                if (failure == null) {
                    failure = error;
                }
            }
        }
        markSent(connection, rows.subList(0, acked));
        return new BatchResult(true, rows.size(), acked, failure);
    }

    private Throwable await(Future<RecordMetadata> ack) throws InterruptedException {
        try {
            ack.get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            return e;
        }
    }

    private boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, lockKey);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private List<Row> selectPending(Connection connection) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(SELECT_PENDING)) {
            select.setInt(1, batchSize);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getObject(4, UUID.class), rs.getString(5)));
                }
            }
        }
        return rows;
    }

    private void markSent(Connection connection, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
        try (PreparedStatement update = connection.prepareStatement(MARK_SENT)) {
            Array array = connection.createArrayOf("bigint", ids);
            update.setArray(1, array);
            update.executeUpdate();
        }
    }

    private record Row(long id, UUID eventId, String topic, UUID firmId, String payload) {

        ProducerRecord<String, String> toRecord() {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, firmId.toString(), payload);
            record.headers().add(CloudEvent.CONTENT_TYPE_HEADER, CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            return record;
        }
    }
}
