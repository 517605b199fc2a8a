package dev.lexguard.sessions;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes identity-service's, the gateway's and permissions-service's events onto their real topics exactly as
 * those services do (CloudEvents envelope, key = firm id), so this service is tested through the real broker.
 */
public final class EventsProducer {

    public static final String IDENTITY = "lexguard.identity.events";
    public static final String GATEWAY = "lexguard.gateway.events";
    public static final String PERMISSIONS = "lexguard.permissions.events";
    public static final String CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/120.0.0.0 Safari/537.36";
    public static final String SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";
    public static final String LONDON = "81.2.69.142";
    public static final String CHANGCHUN = "175.16.199.0";
    public static final String LINKOPING = "89.160.20.112";

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventsProducer() {
    }


    public static CloudEvent event(String source, String type, UUID firmId, String subject, String actorId, ActorType actorType,
            Instant time, Map<String, Object> data) {
        JsonNode json = JSON.valueToTree(data);
        return new CloudEvent(UUID.randomUUID(), source, type, time.truncatedTo(ChronoUnit.MILLIS), subject,
                URI.create("https://schemas.lexguard.dev/events/" + type + "/1.0.json"), firmId, actorId, actorType, null, json);
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

    /** identity's session.started for a firm user (or contact), at {@code time}, optionally with the mobile device id. */
    public static void sessionStarted(UUID firmId, UUID actorId, ActorType actorType, UUID sessionId, String ip, String userAgent,
            UUID deviceId, Instant time) {
        sessionStarted(firmId, actorId, actorType, sessionId, ip, userAgent, deviceId, time, List.of("pwd", "otp"));
    }

    /** The same, signed in with the methods {@code amr} names (a passkey: hwk; alone: hwk, user). */
    public static void sessionStarted(UUID firmId, UUID actorId, ActorType actorType, UUID sessionId, String ip, String userAgent,
            UUID deviceId, Instant time, List<String> amr) {
        Map<String, Object> data = new HashMap<>();
        data.put("sessionId", sessionId.toString());
        data.put("userId", actorId.toString());
        data.put("clientIp", ip);
        data.put("userAgent", userAgent);
        data.put("amr", amr);
        if (deviceId != null) {
            data.put("deviceId", deviceId.toString());
        }
        send(IDENTITY, event("/identity-service", "dev.lexguard.identity.session.started", firmId, sessionId.toString(),
                actorId.toString(), actorType, time, data));
    }

    /** identity's session.started of a sign-in approved on the registered phone {@code deviceId} (amr pwd swk mfa). */
    public static void sessionStartedApproved(UUID firmId, UUID userId, UUID sessionId, String ip, UUID deviceId,
            String deviceName, Instant time) {
        Map<String, Object> data = new HashMap<>();
        data.put("sessionId", sessionId.toString());
        data.put("userId", userId.toString());
        data.put("clientIp", ip);
        data.put("userAgent", CHROME_WINDOWS);
        data.put("amr", List.of("pwd", "swk", "mfa"));
        data.put("approvedBy", Map.of("deviceId", deviceId.toString(), "deviceName", deviceName));
        send(IDENTITY, event("/identity-service", "dev.lexguard.identity.session.started", firmId, sessionId.toString(),
                userId.toString(), ActorType.USER, time, data));
    }

    /** identity's session.started as it would be put on the topic, to send more than once. */
    public static CloudEvent sessionStartedEvent(UUID firmId, UUID userId, UUID sessionId, String ip, Instant time) {
        return event("/identity-service", "dev.lexguard.identity.session.started", firmId, sessionId.toString(),
                userId.toString(), ActorType.USER, time, Map.of("sessionId", sessionId.toString(), "userId", userId.toString(),
                        "clientIp", ip, "userAgent", CHROME_WINDOWS, "amr", List.of("pwd")));
    }

    public static void sessionStarted(UUID firmId, UUID userId, UUID sessionId, String ip, Instant time) {
        sessionStarted(firmId, userId, ActorType.USER, sessionId, ip, CHROME_WINDOWS, null, time);
    }

    public static void sessionRefreshed(UUID firmId, UUID userId, UUID sessionId, String ip, Instant time) {
        send(IDENTITY, event("/identity-service", "dev.lexguard.identity.session.refreshed", firmId, sessionId.toString(),
                userId.toString(), ActorType.USER, time, Map.of("sessionId", sessionId.toString(), "userId", userId.toString(),
                        "clientIp", ip, "userAgent", CHROME_WINDOWS)));
    }

    public static void sessionEnded(UUID firmId, UUID userId, UUID sessionId, String reason) {
        sessionEnded(firmId, userId, sessionId, reason, Instant.now());
    }

    public static void sessionEnded(UUID firmId, UUID userId, UUID sessionId, String reason, Instant time) {
        send(IDENTITY, event("/identity-service", "dev.lexguard.identity.session.ended", firmId, sessionId.toString(),
                userId.toString(), ActorType.USER, time, Map.of("sessionId", sessionId.toString(),
                        "userId", userId.toString(), "reason", reason)));
    }

    public static void signInFailed(UUID firmId, UUID userId, String email, String reason, String ip) {
        Map<String, Object> data = new HashMap<>();
        data.put("email", email);
        data.put("reason", reason);
        data.put("clientIp", ip);
        data.put("userAgent", SAFARI_IPHONE);
        if (userId != null) {
            data.put("userId", userId.toString());
        }
        send(IDENTITY, event("/identity-service", "dev.lexguard.identity.signin.failed", firmId, email, "identity-service",
                ActorType.SYSTEM, Instant.now(), data));
    }

    public static void userDeactivated(UUID firmId, UUID userId, UUID by) {
        send(IDENTITY, event("/identity-service", "dev.lexguard.identity.user.deactivated", firmId, userId.toString(),
                by.toString(), ActorType.USER, Instant.now(), Map.of("userId", userId.toString(), "sessionsEnded", 0)));
    }

    /** identity registered a mobile device from a session. */
    public static void deviceRegistered(UUID firmId, UUID userId, UUID deviceId, UUID sessionId) {
        send(IDENTITY, event("/identity-service", "dev.lexguard.identity.device.registered", firmId, deviceId.toString(),
                userId.toString(), ActorType.USER, Instant.now(), Map.of("deviceId", deviceId.toString(),
                        "userId", userId.toString(), "name", "Bea's iPhone", "platform", "ios", "appVersion", "2.3.0",
                        "sessionId", sessionId.toString())));
    }

    /** identity wiped a mobile device after too many wrong PINs. */
    public static void deviceWiped(UUID firmId, UUID userId, UUID deviceId) {
        send(IDENTITY, event("/identity-service", "dev.lexguard.identity.device.wiped", firmId, deviceId.toString(),
                "identity-service", ActorType.SYSTEM, Instant.now(), Map.of("deviceId", deviceId.toString(),
                        "userId", userId.toString(), "failedAttempts", 5, "sessionsEnded", 1)));
    }

    /** identity's portal.signedIn: a portal contact (portal account {@code accountId}) signed in, a new portal session. */
    public static void portalSignedIn(UUID firmId, UUID accountId, UUID sessionId, String ip, Instant time) {
        send(IDENTITY, event("/identity-service", "dev.lexguard.identity.portal.signedIn", firmId, accountId.toString(),
                accountId.toString(), ActorType.CONTACT, time, Map.of("accountId", accountId.toString(),
                        "sessionId", sessionId.toString(), "amr", List.of("pwd"), "clientIp", ip, "userAgent", SAFARI_IPHONE)));
    }

    /** identity's portal.signInFailed: for a known account by the contact, for an unknown address by the system. */
    public static void portalSignInFailed(UUID firmId, UUID accountId, String email, String reason, String ip) {
        Map<String, Object> data = new HashMap<>();
        data.put("email", email);
        data.put("reason", reason);
        data.put("clientIp", ip);
        data.put("userAgent", SAFARI_IPHONE);
        if (accountId != null) {
            data.put("accountId", accountId.toString());
        }
        send(IDENTITY, event("/identity-service", "dev.lexguard.identity.portal.signInFailed", firmId,
                accountId == null ? email : accountId.toString(), accountId == null ? "identity-service" : accountId.toString(),
                accountId == null ? ActorType.SYSTEM : ActorType.CONTACT, Instant.now(), data));
    }

    /** identity's portal.sessionEnded (logout, refresh-token reuse, account disabled, revoked here). */
    public static void portalSessionEnded(UUID firmId, UUID accountId, UUID sessionId, String reason) {
        send(IDENTITY, event("/identity-service", "dev.lexguard.identity.portal.sessionEnded", firmId, accountId.toString(),
                accountId.toString(), ActorType.CONTACT, Instant.now(), Map.of("accountId", accountId.toString(),
                        "sessionId", sessionId.toString(), "reason", reason, "clientIp", LONDON)));
    }

    /** identity's firm.created, naming the owner. */
    public static void firmCreated(UUID firmId, UUID ownerId, Instant time) {
        send(IDENTITY, event("/identity-service", "dev.lexguard.identity.firm.created", firmId, firmId.toString(),
                ownerId.toString(), ActorType.USER, time, Map.of("firmId", firmId.toString(), "name", "Test firm",
                        "ownerId", ownerId.toString())));
    }

    /** permissions-service's ownership.transferred. */
    public static void ownershipTransferred(UUID firmId, UUID previousOwnerId, UUID ownerId) {
        send(PERMISSIONS, event("/permissions-service", "dev.lexguard.permissions.ownership.transferred", firmId,
                firmId.toString(), previousOwnerId.toString(), ActorType.USER, Instant.now(),
                Map.of("previousOwnerId", previousOwnerId.toString(), "ownerId", ownerId.toString())));
    }

    /** The gateway's activity report for a session. */
    public static void sessionActive(UUID firmId, UUID userId, UUID sessionId, String ip, Instant seenAt) {
        send(GATEWAY, event("/gateway", "dev.lexguard.gateway.session.active", firmId, sessionId.toString(), "gateway",
                ActorType.SYSTEM, seenAt, Map.of("sessionId", sessionId.toString(), "userId", userId.toString(),
                        "actorType", "user", "clientIp", ip, "userAgent", CHROME_WINDOWS, "seenAt", seenAt.toString())));
    }

    /** permissions-service's account permission change. */
    public static void permissionsChanged(UUID firmId, UUID userId, List<String> permissions) {
        send(PERMISSIONS, event("/permissions-service", "dev.lexguard.permissions.accountpermissions.changed", firmId,
                userId.toString(), userId.toString(), ActorType.USER, Instant.now(), Map.of("userId", userId.toString(),
                        "permissions", permissions, "previousPermissions", List.of(), "directPermissions", permissions,
                        "roleIds", List.of(), "owner", false)));
    }
}
