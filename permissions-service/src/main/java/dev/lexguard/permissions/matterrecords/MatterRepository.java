package dev.lexguard.permissions.matterrecords;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.UUID;

@ApplicationScoped
public class MatterRepository implements PanacheRepositoryBase<Matter, UUID> {

    /** The firm's matter or null: another firm's matter is as unknown as a missing one. */
    public Uni<Matter> findInFirm(UUID firmId, UUID matterId) {
        return find("id = ?1 and firmId = ?2", matterId, firmId).firstResult();
    }

    /** As {@link #findInFirm}, locked until the transaction ends (access list changes of one matter run one at a time). */
    public Uni<Matter> lockInFirm(UUID firmId, UUID matterId) {
        return find("id = ?1 and firmId = ?2", matterId, firmId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }
}
