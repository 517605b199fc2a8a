package dev.lexguard.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.devstack.KafkaTestClients;
import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.envelope.CloudEvent;
import dev.lexguard.platform.events.envelope.CloudEventCodec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes events onto the real topics exactly as their producers do (CloudEvents envelope, key = firm id,
 * {@code content-type} header), so the feed is tested through the broker.
 */
public final class Events {

    public static final String IDENTITY = "lexguard.identity.events";
    public static final String PERMISSIONS = "lexguard.permissions.events";
    public static final String SESSIONS = "lexguard.sessions.events";
    public static final String ACTIVITY = "lexguard.activity.events";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Events() {
    }


    public static CloudEvent event(String type, UUID firmId, String subject, String actorId, ActorType actorType, UUID matterId,
            Instant time, Map<String, ?> data) {
        JsonNode json = JSON.valueToTree(data);
        String service = type.split("\\.")[2];
        String source = "activity".equals(service) ? "/practice-core" : "/" + service + "-service";
        return new CloudEvent(UUID.randomUUID(), source, type, time.truncatedTo(ChronoUnit.MILLIS), subject,
                URI.create("https://schemas.lexguard.dev/events/" + type + "/1.0.json"), firmId, actorId, actorType, matterId, json);
    }

    public static CloudEvent event(String type, UUID firmId, String subject, UUID actorId, UUID matterId, Map<String, ?> data) {
        return event(type, firmId, subject, actorId.toString(), ActorType.USER, matterId, Instant.now(), data);
    }

    /** Publishes onto the producing service's topic (activity types onto lexguard.activity.events). */
    public static CloudEvent send(CloudEvent event) {
        String service = event.type().split("\\.")[2];
        send("lexguard." + service + ".events", event);
        return event;
    }

    public static void send(String topic, CloudEvent event) {
        sendRaw(topic, event.firmId().toString(), CloudEventCodec.write(event));
    }

    public static void sendRaw(String topic, String key, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        record.headers().add(CloudEvent.CONTENT_TYPE_HEADER, CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        try {
            KafkaTestClients.producerFor(record.topic()).send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    public static CloudEvent userCreated(UUID firmId, UUID userId, String displayName, boolean owner, UUID actor) {
        return event("dev.lexguard.identity.user.created", firmId, userId.toString(), actor, null,
                Map.of("userId", userId.toString(), "email", userId + "@firm.example", "displayName", displayName,
                        "status", owner ? "active" : "invited", "owner", owner));
    }

    public static CloudEvent userDeactivated(UUID firmId, UUID userId, UUID actor) {
        return event("dev.lexguard.identity.user.deactivated", firmId, userId.toString(), actor, null,
                Map.of("userId", userId.toString(), "sessionsEnded", 0));
    }

    public static CloudEvent sessionStarted(UUID firmId, UUID userId, String ip) {
        return event("dev.lexguard.identity.session.started", firmId, UUID.randomUUID().toString(), userId, null,
                Map.of("sessionId", UUID.randomUUID().toString(), "userId", userId.toString(), "clientIp", ip,
                        "userAgent", "Mozilla/5.0", "amr", List.of("pwd")));
    }

    public static CloudEvent permissionsChanged(UUID firmId, UUID userId, UUID actor, List<String> permissions) {
        return event("dev.lexguard.permissions.accountpermissions.changed", firmId, userId.toString(), actor, null,
                Map.of("userId", userId.toString(), "permissions", permissions, "previousPermissions", List.of(),
                        "directPermissions", permissions, "roleIds", List.of(), "owner", false));
    }

    public static CloudEvent groupMember(UUID firmId, UUID groupId, UUID userId, UUID actor, boolean added) {
        return event("dev.lexguard.permissions.groupmember." + (added ? "added" : "removed"), firmId, groupId.toString(), actor, null,
                Map.of("groupId", groupId.toString(), "userId", userId.toString()));
    }

    public static CloudEvent groupCreated(UUID firmId, UUID groupId, String name, UUID actor) {
        return event("dev.lexguard.permissions.group.created", firmId, groupId.toString(), actor, null,
                Map.of("groupId", groupId.toString(), "name", name, "description", "", "kind", "practice_area"));
    }

    public static CloudEvent groupDeleted(UUID firmId, UUID groupId, String name, UUID reassignedTo, UUID actor) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("groupId", groupId.toString());
        data.put("name", name);
        data.put("reassignedTo", reassignedTo == null ? null : reassignedTo.toString());
        data.put("affectedMatterIds", List.of());
        data.put("affectedActivityDescriptionIds", List.of());
        return event("dev.lexguard.permissions.group.deleted", firmId, groupId.toString(), actor, null, data);
    }

    /** A user saved their default group filter, as permissions-service publishes it (entries: mine and/or group ids). */
    public static CloudEvent groupFilterChanged(UUID firmId, UUID userId, List<String> groups, List<String> previousGroups) {
        return event("dev.lexguard.permissions.groupfilter.changed", firmId, userId.toString(), userId, null,
                Map.of("userId", userId.toString(), "groups", groups, "previousGroups", previousGroups));
    }

    public static CloudEvent matterRegistered(UUID firmId, UUID matterId, String number, UUID actor) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("matterId", matterId.toString());
        data.put("displayNumber", number);
        data.put("description", "Matter " + number);
        data.put("clientContactId", null);
        data.put("responsibleAttorneyId", null);
        data.put("practiceArea", null);
        data.put("status", "open");
        return event("dev.lexguard.permissions.matter.registered", firmId, matterId.toString(), actor, matterId, data);
    }

    public static CloudEvent accessChanged(UUID firmId, UUID matterId, UUID actor, String mode, List<UUID> groups, List<UUID> users,
            List<UUID> blocked, int version) {
        return event("dev.lexguard.permissions.matteraccess.changed", firmId, matterId.toString(), actor, matterId,
                Map.of("matterId", matterId.toString(), "mode", mode, "groupIds", strings(groups), "userIds", strings(users),
                        "blockedUserIds", strings(blocked), "version", version));
    }

    public static CloudEvent activityDescription(UUID firmId, UUID id, UUID actor, String name, List<UUID> groups) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("activityDescriptionId", id.toString());
        data.put("change", "created");
        data.put("name", name);
        data.put("defaultRate", "250.00");
        data.put("category", null);
        data.put("visibility", groups.isEmpty() ? "everyone" : "groups");
        data.put("groupIds", strings(groups));
        return event("dev.lexguard.permissions.activitydescription.changed", firmId, id.toString(), actor, null, data);
    }

    /** The practice-management core's own activity: types the catalogue does not know, as a newer producer sends them. */
    public static CloudEvent activity(UUID firmId, UUID actor, String noun, String verb, UUID matterId, Instant time, Map<String, ?> data) {
        return event("dev.lexguard.activity." + noun + "." + verb, firmId, UUID.randomUUID().toString(), actor.toString(),
                ActorType.USER, matterId, time, data);
    }

    private static List<String> strings(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }
}
