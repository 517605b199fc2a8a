package dev.lexguard.platform.events.testapp;

import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.envelope.CloudEvent;
import dev.lexguard.platform.events.outbox.EventDraft;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The test application's service: a state change and its event in one transaction. */
@ApplicationScoped
public class WidgetService {

    public static final String CREATED = "dev.lexguard.test.widget.created";

    private final WidgetRepository widgets;
    private final OutboxWriter outbox;

    public WidgetService(WidgetRepository widgets, OutboxWriter outbox) {
        this.widgets = widgets;
        this.outbox = outbox;
    }

    @WithTransaction
    public Uni<CloudEvent> create(UUID firmId, String name, int sequence) {
        return persistWithEvent(firmId, name, sequence);
    }

    /** Creates {@code count} widgets with sequences {@code first..first+count-1}, in one transaction. */
    @WithTransaction
    public Uni<List<CloudEvent>> createMany(UUID firmId, String prefix, int first, int count) {
        List<CloudEvent> events = new ArrayList<>(count);
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = first; i < first + count; i++) {
            int sequence = i;
            chain = chain.chain(() -> persistWithEvent(firmId, prefix + sequence, sequence)).invoke(events::add).replaceWithVoid();
        }
        return chain.replaceWith(events);
    }

    /** Appends its event, then fails: neither the widget nor the event may survive. */
    @WithTransaction
    public Uni<CloudEvent> createThenFail(UUID firmId, String name, int sequence) {
        return persistWithEvent(firmId, name, sequence)
                .chain(event -> Uni.createFrom().failure(new IllegalStateException("business rule failed after the append")));
    }

    /** Appends data that does not match the type's schema (sequence is a string). */
    @WithTransaction
    public Uni<Void> createWithInvalidEvent(UUID firmId, String name) {
        Widget widget = new Widget(UUID.randomUUID(), firmId, name, 1);
        return widgets.persist(widget).chain(() -> outbox.append(EventDraft.of(CREATED, widget.getId().toString(), firmId,
                "user-1", ActorType.USER, Map.of("widgetId", widget.getId(), "name", name, "sequence", "one"))));
    }

    /** A session without a transaction: the writer must refuse. */
    @WithSession
    public Uni<Void> appendWithoutTransaction(UUID firmId) {
        UUID id = UUID.randomUUID();
        return outbox.append(EventDraft.of(CREATED, id.toString(), firmId, "user-1", ActorType.USER,
                new WidgetCreated(id, "no-transaction", 1)));
    }

    private Uni<CloudEvent> persistWithEvent(UUID firmId, String name, int sequence) {
        Widget widget = new Widget(UUID.randomUUID(), firmId, name, sequence);
        return widgets.persist(widget).chain(() -> outbox.appendEvent(new EventDraft(CREATED, widget.getId().toString(),
                firmId, "user-1", ActorType.USER, null, new WidgetCreated(widget.getId(), name, sequence))));
    }
}
