package dev.lexguard.sessions.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.platform.events.consumer.IdempotentConsumer;
import dev.lexguard.platform.events.envelope.CloudEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The gateway's activity reports (at most one a minute per session), from lexguard.gateway.events. */
@ApplicationScoped
public class GatewayEventsConsumer {

    static final String CONSUMER = "sessions-gateway";

    private final IdempotentConsumer consumer;
    private final SessionTracker tracker;

    public GatewayEventsConsumer(IdempotentConsumer consumer, SessionTracker tracker) {
        this.consumer = consumer;
        this.tracker = tracker;
    }

    @Incoming("gateway-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return consumer.consume(CONSUMER, record, this::apply);
    }

    private Uni<Void> apply(CloudEvent event) {
        if (!"dev.lexguard.gateway.session.active".equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        JsonNode data = event.data();
        return tracker.seen(event.firmId(), UUID.fromString(data.get("sessionId").asText()), data.get("clientIp").asText(),
                Instant.parse(data.get("seenAt").asText()));
    }
}
