package dev.lexguard.sessions.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.platform.events.consumer.IdempotentConsumer;
import dev.lexguard.platform.events.envelope.CloudEvent;
import dev.lexguard.sessions.policy.AdministratorRepository;
import dev.lexguard.sessions.session.Requester;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Who is an administrator, from permissions-service's account permission changes: administrators' sessions
 * may have their own idle and absolute lifetimes.
 */
@ApplicationScoped
public class PermissionsEventsConsumer {

    static final String CONSUMER = "sessions-administrators";

    private final IdempotentConsumer consumer;
    private final AdministratorRepository administrators;

    public PermissionsEventsConsumer(IdempotentConsumer consumer, AdministratorRepository administrators) {
        this.consumer = consumer;
        this.administrators = administrators;
    }

    @Incoming("permissions-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return consumer.consume(CONSUMER, record, this::apply);
    }

    private Uni<Void> apply(CloudEvent event) {
        if (!"dev.lexguard.permissions.accountpermissions.changed".equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        JsonNode data = event.data();
        boolean administrator = false;
        for (JsonNode permission : data.path("permissions")) {
            administrator |= Requester.ADMINISTRATOR.equals(permission.asText());
        }
        return administrators.set(event.firmId(), UUID.fromString(data.get("userId").asText()), administrator, event.time());
    }
}
