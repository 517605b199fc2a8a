package dev.lexguard.sharing.contactrecords;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ContactRepository implements PanacheRepositoryBase<Contact, UUID> {

    /** The firm's contact (deleted ones included) or null: another firm's contact is as unknown as a missing one. */
    public Uni<Contact> findInFirm(UUID firmId, UUID contactId) {
        return find("id = ?1 and firmId = ?2", contactId, firmId).firstResult();
    }

    /** As {@link #findInFirm}, locked until the transaction ends (a contact's first share and its deletion serialise). */
    public Uni<Contact> lockInFirm(UUID firmId, UUID contactId) {
        return find("id = ?1 and firmId = ?2", contactId, firmId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<List<Contact>> inFirm(UUID firmId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("firmId = ?1 and id in ?2", firmId, ids);
    }

    /** One page (plus one row) of the firm's live contacts by name, optionally of one kind. */
    public Uni<List<Contact>> page(UUID firmId, String kind, Optional<Map<String, String>> after, int rows) {
        StringBuilder query = new StringBuilder("firmId = :firm and deletedAt is null");
        Parameters params = Parameters.with("firm", firmId);
        if (kind != null) {
            query.append(" and kind = :kind");
            params.and("kind", kind);
        }
        if (after.isPresent()) {
            query.append(" and (name > :name or (name = :name and id > :id))");
            params.and("name", after.get().get("name")).and("id", UUID.fromString(after.get().get("id")));
        }
        return find(query.append(" order by name, id").toString(), params).range(0, rows - 1).list();
    }
}
