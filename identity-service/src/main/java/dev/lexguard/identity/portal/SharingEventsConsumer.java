package dev.lexguard.identity.portal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.platform.events.consumer.IdempotentConsumer;
import dev.lexguard.platform.events.envelope.CloudEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * sharing-service asks for a contact's portal account when the contact receives a first share
 * ({@code dev.lexguard.sharing.contact.portalAccessRequested}); every other sharing event is ignored here.
 */
@ApplicationScoped
public class SharingEventsConsumer {

    static final String CONSUMER = "identity-portal-accounts";
    static final String PORTAL_ACCESS_REQUESTED = "dev.lexguard.sharing.contact.portalAccessRequested";

    private final IdempotentConsumer consumer;
    private final PortalAccountService accounts;

    public SharingEventsConsumer(IdempotentConsumer consumer, PortalAccountService accounts) {
        this.consumer = consumer;
        this.accounts = accounts;
    }

    @Incoming("sharing-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return consumer.consume(CONSUMER, record, this::apply);
    }

    private Uni<Void> apply(CloudEvent event) {
        if (!PORTAL_ACCESS_REQUESTED.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        JsonNode data = event.data();
        return accounts.requestAccess(new PortalAccountService.AccessRequest(event.firmId(),
                UUID.fromString(data.get("contactId").asText()), data.get("email").asText(), data.get("name").asText(),
                data.get("kind").asText()));
    }
}
