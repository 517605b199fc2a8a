package dev.lexguard.identity.portal;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PortalSessionRepository implements PanacheRepositoryBase<PortalSession, UUID> {

    public Uni<PortalSession> lock(UUID sessionId) {
        return find("id", sessionId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** The open sessions of the account (or, with {@code accountId} null, of the firm) started before {@code before}. */
    public Uni<List<PortalSession>> lockOpenStartedBefore(UUID firmId, UUID accountId, Instant before) {
        return (accountId == null
                ? find("firmId = ?1 and endedAt is null and createdAt < ?2", firmId, before)
                : find("firmId = ?1 and accountId = ?2 and endedAt is null and createdAt < ?3", firmId, accountId, before))
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    public Uni<List<PortalSession>> lockOpen(UUID firmId, UUID accountId) {
        return find("firmId = ?1 and accountId = ?2 and endedAt is null", firmId, accountId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
