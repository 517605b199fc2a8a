package dev.lexguard.platform.events.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.platform.events.catalogue.EventType;
import dev.lexguard.platform.events.catalogue.EventValidator;
import dev.lexguard.platform.events.config.EventsConfig;
import dev.lexguard.platform.events.envelope.CloudEvent;
import dev.lexguard.platform.events.envelope.CloudEventCodec;
import dev.lexguard.platform.events.tracing.EventTracing;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jboss.logging.MDC;

/**
 * Appends events to the outbox inside the caller's reactive transaction, so the state change and its
 * event commit together or not at all. Call it from a {@code @WithTransaction} method and chain the
 * returned {@code Uni}. The event carries the current trace context ({@code traceparent}, {@code tracestate}) and the
 * request id from the logging MDC when there are any.
 */
@ApplicationScoped
public class OutboxWriter {

    static final String INSERT = """
            insert into lexguard_outbox (event_id, topic, firm_id, event_type, subject, payload)
            values (:eventId, :topic, :firmId, :eventType, :subject, :payload)""";

    static final String INSERT_POSITIONAL = """
            insert into lexguard_outbox (event_id, topic, firm_id, event_type, subject, payload)
            values ($1, $2, $3, $4, $5, $6)""";

    private final EventValidator validator;
    private final EventsConfig config;
    private final ObjectMapper mapper;

    public OutboxWriter(EventValidator validator, EventsConfig config, ObjectMapper mapper) {
        this.validator = validator;
        this.config = config;
        this.mapper = mapper;
    }

    /** Validates the draft and inserts it; fails (rolling the transaction back) if it is invalid. */
    public Uni<Void> append(EventDraft draft) {
        return appendEvent(draft).replaceWithVoid();
    }

    /** As {@link #append}, returning the envelope that was stored (e.g. to learn its id). */
    public Uni<CloudEvent> appendEvent(EventDraft draft) {
        return Uni.createFrom().item(() -> toEvent(draft))
                .call(event -> Panache.currentTransaction().onItem().ifNull().failWith(() -> new IllegalStateException(
                        "OutboxWriter.append must run inside a reactive transaction (@WithTransaction)")))
                .call(event -> Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                        .setParameter("eventId", event.id())
                        .setParameter("topic", config.topic())
                        .setParameter("firmId", event.firmId())
                        .setParameter("eventType", event.type())
                        .setParameter("subject", event.subject())
                        .setParameter("payload", CloudEventCodec.write(event))
                        .executeUpdate()));
    }

    /**
     * As {@link #appendEvent(EventDraft)}, on a Vert.x SQL connection whose transaction the caller holds: for a
     * service that writes with the reactive pool rather than Hibernate Reactive (feed-service's chain), so that its
     * rows and the event still commit together. Same validation, envelope and table; the relay publishes it alike.
     */
    public Uni<CloudEvent> appendEvent(SqlConnection connection, EventDraft draft) {
        return Uni.createFrom().item(() -> toEvent(draft))
                .call(event -> connection.preparedQuery(INSERT_POSITIONAL)
                        .execute(Tuple.from(new Object[] {event.id(), config.topic(), event.firmId(), event.type(),
                            event.subject(), CloudEventCodec.write(event)})));
    }

    private CloudEvent toEvent(EventDraft draft) {
        JsonNode data = draft.data() instanceof Change change ? change.toData(mapper) : mapper.valueToTree(draft.data());
        EventType type = validator.checkForPublish(draft.type(), data);
        EventTracing.W3cContext trace = EventTracing.current();
        Object requestId = MDC.get(EventTracing.REQUEST_ID_MDC_KEY);
        return new CloudEvent(
                UUID.randomUUID(),
                config.source(),
                draft.type(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                draft.subject(),
                type.schemaId(),
                draft.firmId(),
                draft.actorId(),
                draft.actorType(),
                draft.matterId(),
                data,
                trace.traceparent(),
                trace.tracestate(),
                requestId == null ? null : requestId.toString());
    }
}
