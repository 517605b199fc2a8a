package dev.lexguard.sharing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.devstack.KafkaTestClients;
import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.envelope.CloudEvent;
import dev.lexguard.platform.events.envelope.CloudEventCodec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Publishes the events of the services this one depends on (identity, permissions, the practice-management
 * core) onto their real topics, exactly as they do, and waits until this service has consumed them; reads and
 * arranges rows of this service's database over JDBC.
 */
public final class Upstream {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Connection connection;

    private Upstream() {
    }


    /** Publishes the event on {@code lexguard.<service>.events} and waits until this service has consumed it. */
    public static CloudEvent publish(String service, String type, UUID firmId, String subject, Map<String, ?> data) {
        CloudEvent event = send(service, type, firmId, subject, data);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> count("select count(*) from lexguard_consumed_event where event_id = ?", event.id()) > 0);
        return event;
    }

    /** Publishes the event without waiting (for events this service must refuse). */
    public static CloudEvent send(String service, String type, UUID firmId, String subject, Map<String, ?> data) {
        return sendAs(service, "activity".equals(service) ? "/practice-core" : "/" + service + "-service", type, firmId, subject,
                data);
    }

    /** Publishes on {@code lexguard.<service>.events}, as its writer, an event claiming {@code source} (to forge one). */
    public static CloudEvent sendAs(String service, String source, String type, UUID firmId, String subject, Map<String, ?> data) {
        JsonNode json = JSON.valueToTree(data);
        CloudEvent event = new CloudEvent(UUID.randomUUID(), source, type, Instant.now().truncatedTo(ChronoUnit.MILLIS), subject, URI.create("https://schemas.lexguard.dev/events/" + type + "/1.0.json"), firmId, UUID.randomUUID().toString(),
                ActorType.USER, null, json);
        ProducerRecord<String, String> record = new ProducerRecord<>("lexguard." + service + ".events", firmId.toString(),
                CloudEventCodec.write(event));
        record.headers().add(CloudEvent.CONTENT_TYPE_HEADER, CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        try {
            KafkaTestClients.producerFor(record.topic()).send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish " + type, e);
        }
        return event;
    }

    public static void firm(UUID firmId, UUID ownerId) {
        publish("identity", "dev.lexguard.identity.firm.created", firmId, firmId.toString(),
                Map.of("firmId", firmId.toString(), "name", "Firm " + firmId, "ownerId", ownerId.toString()));
    }

    public static void user(UUID firmId, UUID userId) {
        publish("identity", "dev.lexguard.identity.user.created", firmId, userId.toString(), Map.of("userId", userId.toString(),
                "email", userId + "@firm.example", "displayName", "User " + userId, "status", "active", "owner", false));
    }

    public static void permissions(UUID firmId, UUID userId, List<String> permissions) {
        publish("permissions", "dev.lexguard.permissions.accountpermissions.changed", firmId, userId.toString(), Map.of(
                "userId", userId.toString(), "permissions", permissions, "previousPermissions", List.of(), "directPermissions", permissions,
                "roleIds", List.of(), "owner", false));
    }

    public static void matter(UUID firmId, UUID matterId, String status) {
        String type = "closed".equals(status) ? "dev.lexguard.permissions.matter.closed" : "dev.lexguard.permissions.matter.registered";
        HashMap<String, Object> data = new HashMap<>();
        data.put("matterId", matterId.toString());
        data.put("displayNumber", "M-" + matterId.toString().substring(0, 8));
        data.put("description", "Matter " + matterId);
        data.put("clientContactId", null);
        data.put("responsibleAttorneyId", null);
        data.put("practiceArea", null);
        data.put("status", status);
        publish("permissions", type, firmId, matterId.toString(), data);
    }

    public static void access(UUID firmId, UUID matterId, String mode, List<UUID> groups, List<UUID> users, List<UUID> blocked, int version) {
        publish("permissions", "dev.lexguard.permissions.matteraccess.changed", firmId, matterId.toString(), Map.of(
                "matterId", matterId.toString(), "mode", mode, "groupIds", strings(groups), "userIds", strings(users),
                "blockedUserIds", strings(blocked), "version", version));
    }

    public static void member(UUID firmId, UUID groupId, UUID userId) {
        publish("permissions", "dev.lexguard.permissions.groupmember.added", firmId, groupId.toString(),
                Map.of("groupId", groupId.toString(), "userId", userId.toString()));
    }

    private static List<String> strings(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }

    /** One connection per test JVM (the machine is shared: a connection per poll timed out under load). */
    private static synchronized Connection connection() throws SQLException {
        if (connection == null || !connection.isValid(5)) {
            var config = ConfigProvider.getConfig();
            connection = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                    config.getValue("quarkus.datasource.username", String.class),
                    config.getValue("quarkus.datasource.password", String.class));
        }
        return connection;
    }

    public static synchronized long count(String sql, Object... params) {
        try (PreparedStatement s = connection().prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static synchronized String text(String sql, Object... params) {
        try (PreparedStatement s = connection().prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Arranges time for a test (e.g. a review date in the past): tests cannot wait months. */
    public static synchronized void update(String sql, Object... params) {
        try (PreparedStatement s = connection().prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
