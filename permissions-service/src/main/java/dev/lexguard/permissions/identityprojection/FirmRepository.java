package dev.lexguard.permissions.identityprojection;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import jakarta.persistence.LockModeType;

@ApplicationScoped
public class FirmRepository implements PanacheRepositoryBase<Firm, UUID> {

    /**
     * The firm's row, locked until the transaction ends: permission changes of one firm run one at a time, so
     * rules that count administrators hold, and their events leave in commit order.
     */
    public Uni<Firm> lock(UUID firmId) {
        return findById(firmId, LockModeType.PESSIMISTIC_WRITE);
    }
}
