package dev.lexguard.sharing.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.platform.events.consumer.IdempotentConsumer;
import dev.lexguard.platform.events.consumer.PoisonEventException;
import dev.lexguard.platform.events.envelope.CloudEvent;
import dev.lexguard.sharing.Database;
import dev.lexguard.sharing.contactrecords.Contact;
import dev.lexguard.sharing.contactrecords.ContactRepository;
import dev.lexguard.sharing.shares.RevokeCause;
import dev.lexguard.sharing.shares.ShareService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Contacts created, changed and deleted by the practice-management core on lexguard.activity.events
 * ({@code dev.lexguard.activity.contact.created|updated|deleted}). A deleted contact's shares are revoked in the
 * same transaction. A contact id another firm uses is poison (dead-lettered with the reason).
 */
@ApplicationScoped
public class ContactEventsProjector {

    static final String CONSUMER = "sharing-contacts-from-activity";

    private final IdempotentConsumer consumer;
    private final ContactRepository contacts;
    private final ShareService shares;

    public ContactEventsProjector(IdempotentConsumer consumer, ContactRepository contacts, ShareService shares) {
        this.consumer = consumer;
        this.contacts = contacts;
        this.shares = shares;
    }

    @Incoming("activity-events")
    public Uni<Void> project(ConsumerRecord<String, String> record) {
        return consumer.consume(CONSUMER, record, this::apply);
    }

    private Uni<Void> apply(CloudEvent event) {
        return switch (event.type()) {
            case "dev.lexguard.activity.contact.created", "dev.lexguard.activity.contact.updated" -> upsert(event);
            case "dev.lexguard.activity.contact.deleted" -> delete(event);
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> upsert(CloudEvent event) {
        JsonNode data = event.data();
        UUID id = UUID.fromString(data.get("contactId").asText());
        String name = data.get("name").asText().strip();
        String email = data.get("email").asText().strip();
        String kind = data.get("kind").asText();
        return contacts.findById(id).chain(existing -> {
            if (existing == null) {
                return contacts.persist(new Contact(id, event.firmId(), name, email, kind, Contact.ACTIVITY, Database.now())).replaceWithVoid();
            }
            if (!existing.firmId().equals(event.firmId())) {
                return Uni.createFrom().failure(new PoisonEventException("contact " + id + " belongs to another firm"));
            }
            if (!existing.deleted()) {
                existing.update(name, email, kind, Database.now());
            }
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> delete(CloudEvent event) {
        UUID id = UUID.fromString(event.data().get("contactId").asText());
        return contacts.lockInFirm(event.firmId(), id).chain(contact -> {
            if (contact == null) {
                return Uni.createFrom().failure(new PoisonEventException("contact " + id + " is not known in firm " + event.firmId()));
            }
            if (contact.deleted()) {
                return Uni.createFrom().voidItem();
            }
            contact.delete(Database.now());
            return shares.revokeAllOfContact(event.firmId(), id, RevokeCause.CONTACT_DELETED, event.actorId(), event.actorType());
        });
    }
}
