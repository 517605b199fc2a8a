package dev.lexguard.identity.passwords;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class PasswordResetRepository implements PanacheRepositoryBase<PasswordReset, UUID> {

    public Uni<PasswordReset> findByTokenHash(byte[] tokenHash) {
        return find("tokenHash", tokenHash).firstResult();
    }

    public Uni<Long> countSince(UUID userId, Instant since) {
        return count("userId = ?1 and createdAt >= ?2", userId, since);
    }

    /** Older unused resets of the user stop working when a new one is requested or one is used. */
    public Uni<Integer> retireOthers(UUID userId, UUID keep, Instant now) {
        return update("usedAt = ?1 where userId = ?2 and id <> ?3 and usedAt is null", now, userId, keep);
    }
}
