package dev.lexguard.sessions.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.platform.events.consumer.IdempotentConsumer;
import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.envelope.CloudEvent;
import dev.lexguard.sessions.policy.AdministratorRepository;
import dev.lexguard.sessions.policy.FirmOwnerRepository;
import dev.lexguard.sessions.session.RevocationService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * identity-service's sessions and sign-ins (firm users' and portal contacts'), deactivations, wiped devices and firm
 * owners, from lexguard.identity.events.
 */
@ApplicationScoped
public class IdentityEventsConsumer {

    static final String CONSUMER = "sessions-identity";
    static final String PORTAL_SIGNED_IN = "dev.lexguard.identity.portal.signedIn";
    static final String PORTAL_SIGN_IN_FAILED = "dev.lexguard.identity.portal.signInFailed";
    static final String PORTAL_SESSION_ENDED = "dev.lexguard.identity.portal.sessionEnded";

    private final IdempotentConsumer consumer;
    private final SessionTracker tracker;
    private final RevocationService revocations;
    private final AdministratorRepository administrators;
    private final FirmOwnerRepository owners;

    public IdentityEventsConsumer(IdempotentConsumer consumer, SessionTracker tracker, RevocationService revocations,
            AdministratorRepository administrators, FirmOwnerRepository owners) {
        this.consumer = consumer;
        this.tracker = tracker;
        this.revocations = revocations;
        this.administrators = administrators;
        this.owners = owners;
    }

    @Incoming("identity-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return consumer.consume(CONSUMER, record, this::apply);
    }

    private Uni<Void> apply(CloudEvent event) {
        JsonNode data = event.data();
        return switch (event.type()) {
            case "dev.lexguard.identity.session.started" -> tracker.sessionStarted(event);
            case "dev.lexguard.identity.session.refreshed" -> tracker.seen(event.firmId(),
                    UUID.fromString(data.get("sessionId").asText()), data.get("clientIp").asText(), event.time());
            case "dev.lexguard.identity.session.ended", PORTAL_SESSION_ENDED -> tracker.sessionEnded(event);
            case "dev.lexguard.identity.signin.failed" -> tracker.signInFailed(event);
            case PORTAL_SIGNED_IN -> tracker.portalSignedIn(event);
            case PORTAL_SIGN_IN_FAILED -> tracker.portalSignInFailed(event);
            case "dev.lexguard.identity.user.deactivated" -> revocations.userDeactivated(event.firmId(),
                    UUID.fromString(data.get("userId").asText()), byUser(event)).replaceWithVoid();
            case "dev.lexguard.identity.device.registered" -> tracker.deviceRegistered(event);
            case "dev.lexguard.identity.device.wiped" -> revocations.deviceWiped(event.firmId(),
                    UUID.fromString(data.get("userId").asText()), UUID.fromString(data.get("deviceId").asText())).replaceWithVoid();
            case "dev.lexguard.identity.firm.created" -> administrators.set(event.firmId(),
                    UUID.fromString(data.get("ownerId").asText()), true, event.time())
                    .chain(() -> owners.ownedBy(event.firmId(), UUID.fromString(data.get("ownerId").asText()), event.time()));
            default -> Uni.createFrom().voidItem();
        };
    }

    private static UUID byUser(CloudEvent event) {
        if (event.actorType() != ActorType.USER) {
            return null;
        }
        try {
            return UUID.fromString(event.actorId());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
