package dev.lexguard.console.session;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;

@ApplicationScoped
public class ConsoleSessionRepository implements PanacheRepositoryBase<ConsoleSession, String> {

    /** The row, locked until the transaction ends: two requests of one browser never refresh the same token twice. */
    public Uni<ConsoleSession> findLocked(String id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<Long> deleteExpired(Instant now) {
        return delete("expiresAt < ?1", now);
    }
}
