package dev.lexguard.sessions.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.platform.events.consumer.IdempotentConsumer;
import dev.lexguard.platform.events.envelope.CloudEvent;
import dev.lexguard.sessions.policy.AdministratorRepository;
import dev.lexguard.sessions.policy.FirmOwnerRepository;
import dev.lexguard.sessions.session.Requester;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Who is an administrator, from permissions-service's account permission changes (administrators' sessions may
 * have their own idle and absolute lifetimes), and who owns the firm, from its ownership transfers (an
 * administrator's "not me" on the owner's session needs the owner).
 */
@ApplicationScoped
public class PermissionsEventsConsumer {

    static final String CONSUMER = "sessions-administrators";
    static final String PERMISSIONS_CHANGED = "dev.lexguard.permissions.accountpermissions.changed";
    static final String OWNERSHIP_TRANSFERRED = "dev.lexguard.permissions.ownership.transferred";

    private final IdempotentConsumer consumer;
    private final AdministratorRepository administrators;
    private final FirmOwnerRepository owners;

    public PermissionsEventsConsumer(IdempotentConsumer consumer, AdministratorRepository administrators,
            FirmOwnerRepository owners) {
        this.consumer = consumer;
        this.administrators = administrators;
        this.owners = owners;
    }

    @Incoming("permissions-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return consumer.consume(CONSUMER, record, this::apply);
    }

    private Uni<Void> apply(CloudEvent event) {
        JsonNode data = event.data();
        return switch (event.type()) {
            case PERMISSIONS_CHANGED -> {
                boolean administrator = false;
                for (JsonNode permission : data.path("permissions")) {
                    administrator |= Requester.ADMINISTRATOR.equals(permission.asText());
                }
                yield administrators.set(event.firmId(), UUID.fromString(data.get("userId").asText()), administrator,
                        event.time());
            }
            case OWNERSHIP_TRANSFERRED -> owners.ownedBy(event.firmId(), UUID.fromString(data.get("ownerId").asText()),
                    event.time());
            default -> Uni.createFrom().voidItem();
        };
    }
}
