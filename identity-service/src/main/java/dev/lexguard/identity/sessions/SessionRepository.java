package dev.lexguard.identity.sessions;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<Session, UUID> {

    public Uni<List<Session>> openForUser(UUID firmId, UUID userId) {
        return list("firmId = ?1 and userId = ?2 and endedAt is null order by createdAt", firmId, userId);
    }

    /** The session, locked until the transaction ends: refresh and revocation of one session go one at a time. */
    public Uni<Session> lock(UUID sessionId) {
        return findById(sessionId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The open sessions of a device, locked. */
    public Uni<List<Session>> lockOpenForDevice(UUID firmId, UUID deviceId) {
        return find("firmId = ?1 and deviceId = ?2 and endedAt is null order by createdAt", firmId, deviceId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** Open sessions of the user (or, with {@code userId} null, of the firm) that started before {@code before}, locked. */
    public Uni<List<Session>> lockOpenStartedBefore(UUID firmId, UUID userId, Instant before) {
        return (userId == null
                ? find("firmId = ?1 and endedAt is null and createdAt < ?2 order by createdAt", firmId, before)
                : find("firmId = ?1 and userId = ?3 and endedAt is null and createdAt < ?2 order by createdAt", firmId,
                        before, userId))
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
