package dev.lexguard.permissions.identityprojection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.platform.events.consumer.IdempotentConsumer;
import dev.lexguard.platform.events.envelope.CloudEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps this service's projection of identity's firms and users. The firm's owner gets every permission
 * as soon as both the firm and its owner are known (identity publishes firm.created, then user.created).
 */
@ApplicationScoped
public class IdentityEventsProjector {

    static final String CONSUMER = "permissions-identity-projection";

    private final IdempotentConsumer consumer;
    private final FirmRepository firms;
    private final UserRepository users;
    private final EffectivePermissions permissions;

    public IdentityEventsProjector(IdempotentConsumer consumer, FirmRepository firms, UserRepository users,
            EffectivePermissions permissions) {
        this.consumer = consumer;
        this.firms = firms;
        this.users = users;
        this.permissions = permissions;
    }

    @Incoming("identity-events")
    public Uni<Void> project(ConsumerRecord<String, String> record) {
        return consumer.consume(CONSUMER, record, this::apply);
    }

    private Uni<Void> apply(CloudEvent event) {
        JsonNode data = event.data();
        return switch (event.type()) {
            case "dev.lexguard.identity.firm.created" -> firmCreated(event, data);
            case "dev.lexguard.identity.user.created" -> userCreated(event, data);
            case "dev.lexguard.identity.user.activated" -> inFirm(event, data).invoke(user -> {
                if (user != null) {
                    user.activate();
                }
            }).replaceWithVoid();
            case "dev.lexguard.identity.user.deactivated" -> inFirm(event, data).invoke(user -> {
                if (user != null) {
                    user.deactivate(event.time());
                }
            }).replaceWithVoid();
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> firmCreated(CloudEvent event, JsonNode data) {
        UUID firmId = UUID.fromString(data.get("firmId").asText());
        UUID ownerId = UUID.fromString(data.get("ownerId").asText());
        return firms.findById(firmId).chain(existing -> existing != null ? Uni.createFrom().voidItem()
                : firms.persist(new Firm(firmId, data.get("name").asText(), ownerId, event.time()))
                        .chain(() -> users.findInFirm(firmId, ownerId))
                        .chain(owner -> owner == null ? Uni.createFrom().voidItem() : becomeOwner(owner, event)));
    }

    private Uni<Void> userCreated(CloudEvent event, JsonNode data) {
        UUID userId = UUID.fromString(data.get("userId").asText());
        return users.findById(userId).chain(existing -> existing != null ? Uni.createFrom().voidItem()
                : firms.findById(event.firmId()).chain(firm -> {
                    boolean owner = data.path("owner").asBoolean(false) || firm != null && userId.equals(firm.ownerId());
                    User user = new User(userId, event.firmId(), data.get("email").asText(), data.get("displayName").asText(),
                            data.get("status").asText(), false, event.time());
                    return users.persist(user).chain(() -> owner ? becomeOwner(user, event) : Uni.createFrom().voidItem());
                }));
    }

    private Uni<Void> becomeOwner(User user, CloudEvent event) {
        user.makeOwner(true);
        return permissions.recompute(user, event.actorId(), event.actorType()).replaceWithVoid();
    }

    private Uni<User> inFirm(CloudEvent event, JsonNode data) {
        return users.findInFirm(event.firmId(), UUID.fromString(data.get("userId").asText()));
    }
}
