package dev.lexguard.identity.revocation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.identity.devices.DeviceService;
import dev.lexguard.identity.passkeys.PasskeyReset;
import dev.lexguard.identity.portal.PortalAccountService;
import dev.lexguard.identity.portal.PortalSessionService;
import dev.lexguard.identity.sessions.EndReason;
import dev.lexguard.identity.sessions.Session;
import dev.lexguard.identity.sessions.SessionRepository;
import dev.lexguard.identity.sessions.SessionService;
import dev.lexguard.identity.twofactor.TwoFactorService;
import dev.lexguard.identity.users.UserRepository;
import dev.lexguard.platform.events.consumer.IdempotentConsumer;
import dev.lexguard.platform.events.envelope.CloudEvent;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Acts on sessions-service's revocations ({@code lexguard.sessions.events}): a revoked session's refresh token stops
 * working, a raised watermark ends every session it covers (and refuses their refreshes from then on), a disowned
 * session ("not me") ends all the user's sessions and devices, requires a password reset and a new second factor (the
 * old one is kept, and needed, until the new one is confirmed).
 * Each event's effect commits with its id ({@link IdempotentConsumer}), so a redelivery changes nothing. A portal
 * contact's revoked session or watermark ends their portal sessions ({@link PortalSessionService}), a contact's
 * disowned session does to the portal account what it does to a user's ({@link PortalAccountService#disowned}); a
 * firm-wide watermark ends the firm's portal sessions too.
 */
@ApplicationScoped
public class SessionsEventsConsumer {

    static final String CONSUMER = "identity-sessions-revocations";
    static final String REVOKED = "dev.lexguard.sessions.session.revoked";
    static final String WATERMARK_RAISED = "dev.lexguard.sessions.watermark.raised";
    static final String DISOWNED = "dev.lexguard.sessions.session.disowned";
    static final String CONTACT = "contact";

    private final IdempotentConsumer consumer;
    private final SessionService sessions;
    private final UserRepository users;
    private final TwoFactorService twoFactor;
    private final DeviceService devices;
    private final PortalSessionService portalSessions;
    private final PortalAccountService portalAccounts;
    private final SessionRepository sessionRows;
    private final PasskeyReset passkeys;

    public SessionsEventsConsumer(IdempotentConsumer consumer, SessionService sessions, UserRepository users,
            TwoFactorService twoFactor, DeviceService devices, PortalSessionService portalSessions,
            PortalAccountService portalAccounts, SessionRepository sessionRows, PasskeyReset passkeys) {
        this.portalAccounts = portalAccounts;
        this.sessionRows = sessionRows;
        this.passkeys = passkeys;
        this.consumer = consumer;
        this.sessions = sessions;
        this.users = users;
        this.twoFactor = twoFactor;
        this.devices = devices;
        this.portalSessions = portalSessions;
    }

    @Incoming("sessions-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return consumer.consume(CONSUMER, record, this::apply);
    }

    private Uni<Void> apply(CloudEvent event) {
        JsonNode data = event.data();
        if (data.hasNonNull("actorType") && CONTACT.equals(data.get("actorType").asText())) {
            return portal(event, data);
        }
        if (data.hasNonNull("actorType") && !"user".equals(data.get("actorType").asText())) {
            return Uni.createFrom().voidItem();
        }
        return switch (event.type()) {
            case REVOKED -> sessions.revoke(event.firmId(), uuid(data, "sessionId"), uuid(data, "revokedBy"))
                    .invoke(ended -> Log.infof("session %s revoked by sessions-service (ended here: %s)",
                            data.get("sessionId").asText(), ended))
                    .replaceWithVoid();
            case WATERMARK_RAISED -> watermark(event, data);
            case DISOWNED -> disowned(event, data);
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> watermark(CloudEvent event, JsonNode data) {
        boolean firmWide = "firm".equals(data.get("scope").asText());
        UUID userId = firmWide ? null : uuid(data, "userId");
        if (!firmWide && userId == null) {
            return Uni.createFrom().voidItem();
        }
        Instant before = Instant.parse(data.get("revokedBefore").asText());
        UUID except = uuid(data, "exceptSessionId");
        return sessions.raiseWatermark(event.firmId(), userId, before, except)
                .invoke(ended -> Log.infof("revocation watermark %s (%s) ended %d sessions", before,
                        firmWide ? "firm" : "user " + userId, ended))
                // every session of the firm: its portal contacts' too
                .call(() -> firmWide ? portalSessions.raiseWatermark(event.firmId(), null, before, except,
                        uuid(data, "revokedBy")) : Uni.createFrom().voidItem())
                .chain(() -> devices.signOutRegisteredBefore(event.firmId(), userId, before, except,
                        uuid(data, "revokedBy")))
                .replaceWithVoid();
    }

    /**
     * A portal contact's session ended in sessions-service (by the contact, "not me", an administrator, a lifetime):
     * the portal session ends here too, so its refresh token stops working, and {@code portal.sessionEnded} follows.
     * "Not me" ends all their portal sessions and requires a password reset (and a new second factor, if they had one).
     */
    private Uni<Void> portal(CloudEvent event, JsonNode data) {
        return switch (event.type()) {
            case REVOKED -> portalSessions.revoke(event.firmId(), uuid(data, "sessionId"), uuid(data, "revokedBy"))
                    .invoke(ended -> Log.infof("portal session %s revoked by sessions-service (ended here: %s)",
                            data.get("sessionId").asText(), ended))
                    .replaceWithVoid();
            case WATERMARK_RAISED -> uuid(data, "userId") == null ? Uni.createFrom().voidItem()
                    : portalSessions.raiseWatermark(event.firmId(), uuid(data, "userId"),
                                    Instant.parse(data.get("revokedBefore").asText()), uuid(data, "exceptSessionId"),
                                    uuid(data, "revokedBy"))
                            .invoke(ended -> Log.infof("revocation watermark for contact %s ended %d portal sessions",
                                    data.get("userId").asText(), ended))
                            .replaceWithVoid();
            case DISOWNED -> uuid(data, "userId") == null ? Uni.createFrom().voidItem()
                    : portalAccounts.disowned(event.firmId(), uuid(data, "userId"), uuid(data, "markedBy"))
                            .invoke(twoFactor -> Log.infof("portal session %s disowned: contact %s must reset the password%s",
                                    data.get("sessionId").asText(), data.get("userId").asText(),
                                    twoFactor ? " and enrol a new second factor" : ""))
                            .replaceWithVoid();
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> disowned(CloudEvent event, JsonNode data) {
        UUID userId = uuid(data, "userId");
        UUID markedBy = uuid(data, "markedBy");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return users.findInFirm(event.firmId(), userId).chain(user -> {
            if (user == null) {
                return Uni.createFrom().voidItem();
            }
            user.requirePasswordReset(now);
            UUID sessionId = uuid(data, "sessionId");
            return (sessionId == null ? Uni.createFrom().<Session>nullItem()
                    : sessionRows.findById(sessionId))
                    // a passkey registered while the intruder was signed in may be theirs
                    .chain(session -> session == null || !session.firmId().equals(event.firmId())
                            || !session.userId().equals(userId)
                            ? Uni.createFrom().item(0)
                            : passkeys.removeRegisteredSince(event.firmId(), userId, session.createdAt(), markedBy))
                    .invoke(removed -> {
                        if (removed > 0) {
                            Log.infof("session %s disowned: %d passkeys registered since it started removed",
                                    data.get("sessionId").asText(), removed);
                        }
                    })
                    .chain(() -> sessions.endAll(event.firmId(), userId, null, EndReason.DISOWNED, markedBy))
                    .chain(() -> devices.signOutAllOf(event.firmId(), userId, markedBy))
                    // the second factor stays (the account never ends weaker than it was): the next sign-in needs it,
                    // and then a new secret before any token
                    .chain(() -> twoFactor.isEnabled(event.firmId(), userId))
                    .invoke(enabled -> {
                        if (enabled) {
                            user.requireTwoFactorReenrolment(now);
                        }
                    })
                    .invoke(enabled -> Log.infof("session %s disowned: user %s must reset the password%s",
                            data.get("sessionId").asText(), userId, enabled ? " and enrol a new second factor" : ""))
                    .replaceWithVoid();
        });
    }

    private static UUID uuid(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() ? null : UUID.fromString(value.asText());
    }
}
