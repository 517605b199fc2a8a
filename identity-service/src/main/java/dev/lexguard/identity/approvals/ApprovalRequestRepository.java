package dev.lexguard.identity.approvals;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ApprovalRequestRepository implements PanacheRepositoryBase<ApprovalRequest, UUID> {

    public Uni<ApprovalRequest> lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The user's requests still waiting for an answer, oldest first. */
    public Uni<List<ApprovalRequest>> openOf(UUID userId, Instant now) {
        return find("userId = ?1 and status = ?2 and expiresAt > ?3 order by createdAt", userId, ApprovalRequest.PENDING,
                now).list();
    }

    /** The device's requests still waiting for an answer, oldest first. */
    public Uni<List<ApprovalRequest>> openForDevice(UUID deviceId, Instant now) {
        return find("deviceId = ?1 and status = ?2 and expiresAt > ?3 order by createdAt", deviceId,
                ApprovalRequest.PENDING, now).list();
    }

    public Uni<Long> denialsSince(UUID userId, Instant since) {
        return count("userId = ?1 and status = ?2 and answeredAt > ?3", userId, ApprovalRequest.DENIED, since);
    }
}
