package dev.lexguard.permissions.matters;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.permissions.Database;
import dev.lexguard.permissions.PermissionsEvents;
import dev.lexguard.permissions.matteraccess.MatterAccessService;
import dev.lexguard.permissions.matterrecords.Matter;
import dev.lexguard.permissions.matterrecords.MatterDetails;
import dev.lexguard.permissions.matterrecords.MatterRepository;
import dev.lexguard.platform.events.consumer.IdempotentConsumer;
import dev.lexguard.platform.events.consumer.PoisonEventException;
import dev.lexguard.platform.events.envelope.CloudEvent;
import dev.lexguard.platform.events.outbox.Change;
import dev.lexguard.platform.events.outbox.EventDraft;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Registers, updates and closes matters from the practice-management core's events on lexguard.activity.events
 * ({@code dev.lexguard.activity.matter.created|updated|closed}), publishing the same matter events as the API
 * does, with the core's actor. An event this service cannot apply (a display number another matter of the firm
 * has, an id another firm uses) goes to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class ActivityEventsProjector {

    static final String CONSUMER = "permissions-matters-from-activity";
    static final String SAME_NUMBER = """
            select count(*) from matter where firm_id = :firm and lower(display_number) = lower(:number) and id <> :id""";

    private final IdempotentConsumer consumer;
    private final MatterRepository matters;
    private final MatterAccessService access;
    private final Database db;
    private final OutboxWriter outbox;

    public ActivityEventsProjector(IdempotentConsumer consumer, MatterRepository matters, MatterAccessService access, Database db,
            OutboxWriter outbox) {
        this.consumer = consumer;
        this.matters = matters;
        this.access = access;
        this.db = db;
        this.outbox = outbox;
    }

    @Incoming("activity-events")
    public Uni<Void> project(ConsumerRecord<String, String> record) {
        return consumer.consume(CONSUMER, record, this::apply);
    }

    private Uni<Void> apply(CloudEvent event) {
        return switch (event.type()) {
            case "dev.lexguard.activity.matter.created", "dev.lexguard.activity.matter.updated" -> upsert(event);
            case "dev.lexguard.activity.matter.closed" -> close(event);
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> upsert(CloudEvent event) {
        JsonNode data = event.data();
        UUID id = UUID.fromString(data.get("matterId").asText());
        MatterDetails details = new MatterDetails(data.get("displayNumber").asText().strip(), data.get("description").asText().strip(),
                uuid(data, "clientContactId"), uuid(data, "responsibleAttorneyId"), text(data, "practiceArea"));
        String status = data.path("status").asText(Matter.OPEN);
        return matters.findById(id).chain(existing -> {
            if (existing != null && !existing.firmId().equals(event.firmId())) {
                return Uni.createFrom().failure(new PoisonEventException("matter " + id + " belongs to another firm"));
            }
            return requireFreeNumber(event.firmId(), id, details.displayNumber()).chain(() -> {
                if (existing == null) {
                    Matter matter = new Matter(id, event.firmId(), details, status, now());
                    return matters.persistAndFlush(matter).call(() -> access.open(matter))
                            .call(() -> publish(PermissionsEvents.MATTER_REGISTERED, matter, event)).replaceWithVoid();
                }
                MatterService.MatterChanged before = MatterService.MatterChanged.of(existing);
                existing.apply(details, now());
                existing.changeStatus(status, now());
                if (Matter.CLOSED.equals(status)) {
                    return publish(PermissionsEvents.MATTER_CLOSED, existing, event);
                }
                return outbox.append(new EventDraft(PermissionsEvents.MATTER_UPDATED, existing.id().toString(), existing.firmId(),
                        event.actorId(), event.actorType(), existing.id(), new Change(before, MatterService.MatterChanged.of(existing))));
            });
        });
    }

    private Uni<Void> close(CloudEvent event) {
        UUID id = UUID.fromString(event.data().get("matterId").asText());
        return matters.findInFirm(event.firmId(), id).chain(matter -> {
            if (matter == null) {
                return Uni.createFrom().failure(new PoisonEventException("matter " + id + " is not registered in firm " + event.firmId()));
            }
            if (Matter.CLOSED.equals(matter.status())) {
                return Uni.createFrom().voidItem();
            }
            matter.changeStatus(Matter.CLOSED, now());
            return publish(PermissionsEvents.MATTER_CLOSED, matter, event);
        });
    }

    private Uni<Void> requireFreeNumber(UUID firmId, UUID id, String number) {
        return db.rows(SAME_NUMBER, Map.of("firm", firmId, "number", number, "id", id)).invoke(rows -> {
            if (Database.count(rows) > 0) {
                throw new PoisonEventException("display number " + number + " is taken by another matter of firm " + firmId);
            }
        }).replaceWithVoid();
    }

    private Uni<Void> publish(String type, Matter matter, CloudEvent cause) {
        return outbox.append(new EventDraft(type, matter.id().toString(), matter.firmId(), cause.actorId(), cause.actorType(),
                matter.id(), MatterService.MatterChanged.of(matter)));
    }

    private static UUID uuid(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() ? null : UUID.fromString(value.asText());
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText().strip();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
