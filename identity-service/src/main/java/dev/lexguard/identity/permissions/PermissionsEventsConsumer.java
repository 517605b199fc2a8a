package dev.lexguard.identity.permissions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.identity.firms.FirmRepository;
import dev.lexguard.platform.events.consumer.IdempotentConsumer;
import dev.lexguard.platform.events.envelope.CloudEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds {@link PermissionsProjection} from {@code lexguard.permissions.events}: account permissions, ownership and
 * group membership. Events of firms this service does not know are skipped.
 */
@ApplicationScoped
public class PermissionsEventsConsumer {

    static final String CONSUMER = "identity-permissions-projection";

    private final IdempotentConsumer consumer;
    private final PermissionsProjection projection;
    private final FirmRepository firms;

    public PermissionsEventsConsumer(IdempotentConsumer consumer, PermissionsProjection projection, FirmRepository firms) {
        this.consumer = consumer;
        this.projection = projection;
        this.firms = firms;
    }

    @Incoming("permissions-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return consumer.consume(CONSUMER, record, this::apply);
    }

    private Uni<Void> apply(CloudEvent event) {
        return switch (event.type()) {
            case "dev.lexguard.permissions.accountpermissions.changed", "dev.lexguard.permissions.ownership.transferred",
                    "dev.lexguard.permissions.groupmember.added", "dev.lexguard.permissions.groupmember.removed",
                    "dev.lexguard.permissions.group.deleted" -> firms.findById(event.firmId())
                    .chain(firm -> firm == null ? Uni.createFrom().voidItem() : project(event));
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> project(CloudEvent event) {
        JsonNode data = event.data();
        UUID firmId = event.firmId();
        return switch (event.type()) {
            case "dev.lexguard.permissions.accountpermissions.changed" -> {
                List<String> granted = new ArrayList<>();
                data.get("permissions").forEach(permission -> granted.add(permission.asText()));
                yield projection.permissionsChanged(firmId, uuid(data, "userId"), granted, event.time());
            }
            case "dev.lexguard.permissions.ownership.transferred" -> projection.ownershipTransferred(firmId,
                    uuid(data, "previousOwnerId"), uuid(data, "ownerId"), event.time());
            case "dev.lexguard.permissions.groupmember.added" -> projection.memberAdded(firmId, uuid(data, "groupId"),
                    uuid(data, "userId"), event.time());
            case "dev.lexguard.permissions.groupmember.removed" -> projection.memberRemoved(firmId,
                    uuid(data, "groupId"), uuid(data, "userId"));
            case "dev.lexguard.permissions.group.deleted" -> projection.groupDeleted(firmId, uuid(data, "groupId"));
            default -> Uni.createFrom().voidItem();
        };
    }

    private static UUID uuid(JsonNode data, String field) {
        return UUID.fromString(data.get(field).asText());
    }
}
