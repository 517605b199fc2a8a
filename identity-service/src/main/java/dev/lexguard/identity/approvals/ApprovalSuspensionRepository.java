package dev.lexguard.identity.approvals;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.UUID;

@ApplicationScoped
public class ApprovalSuspensionRepository implements PanacheRepositoryBase<ApprovalSuspension, UUID> {

    public Uni<ApprovalSuspension> lock(UUID userId) {
        return findById(userId, LockModeType.PESSIMISTIC_WRITE);
    }
}
