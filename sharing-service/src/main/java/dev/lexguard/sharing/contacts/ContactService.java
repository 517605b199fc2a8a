package dev.lexguard.sharing.contacts;

import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.web.problem.NotFoundProblem;
import dev.lexguard.sharing.Database;
import dev.lexguard.sharing.access.MatterAccess;
import dev.lexguard.sharing.contactrecords.Contact;
import dev.lexguard.sharing.contactrecords.ContactRepository;
import dev.lexguard.sharing.shares.RevokeCause;
import dev.lexguard.sharing.shares.ShareService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Contacts registered through the API; the practice-management core's contacts arrive through {@link ContactEventsProjector}. */
@ApplicationScoped
public class ContactService {

    private final ContactRepository contacts;
    private final ShareService shares;
    private final MatterAccess access;

    public ContactService(ContactRepository contacts, ShareService shares, MatterAccess access) {
        this.contacts = contacts;
        this.shares = shares;
        this.access = access;
    }

    @WithTransaction
    public Uni<ContactResponse> create(UUID firmId, ContactRequest request) {
        Contact contact = new Contact(UUID.randomUUID(), firmId, request.name().strip(), request.email().strip(), request.kind(),
                Contact.API, Database.now());
        return contacts.persist(contact).map(ContactResponse::of);
    }

    @WithSession
    public Uni<ContactResponse> read(UUID firmId, UUID contactId) {
        return live(firmId, contactId).map(ContactResponse::of);
    }

    @WithSession
    public Uni<List<ContactResponse>> page(UUID firmId, String kind, Optional<Map<String, String>> after, int rows) {
        return contacts.page(firmId, kind, after, rows).map(list -> list.stream().map(ContactResponse::of).toList());
    }

    @WithTransaction
    public Uni<ContactResponse> update(UUID firmId, UUID contactId, ContactRequest request) {
        return live(firmId, contactId)
                .invoke(c -> c.update(request.name().strip(), request.email().strip(), request.kind(), Database.now()))
                .map(ContactResponse::of);
    }

    /** Administrators only: the contact is gone and every one of its shares is revoked in the same transaction. */
    @WithTransaction
    public Uni<Void> delete(UUID firmId, UUID actorId, UUID contactId) {
        return access.requireAdministrator(firmId, actorId)
                .chain(() -> contacts.lockInFirm(firmId, contactId))
                .onItem().ifNull().failWith(NotFoundProblem::new)
                .chain(contact -> {
                    if (contact.deleted()) {
                        return Uni.createFrom().failure(new NotFoundProblem());
                    }
                    contact.delete(Database.now());
                    return shares.revokeAllOfContact(firmId, contactId, RevokeCause.CONTACT_DELETED, actorId.toString(), ActorType.USER);
                });
    }

    private Uni<Contact> live(UUID firmId, UUID contactId) {
        return contacts.findInFirm(firmId, contactId).map(c -> c == null || c.deleted() ? null : c)
                .onItem().ifNull().failWith(NotFoundProblem::new);
    }
}
