package dev.lexguard.identity.portal;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class PortalPasswordResetRepository implements PanacheRepositoryBase<PortalPasswordReset, UUID> {

    public Uni<PortalPasswordReset> findByTokenHash(byte[] tokenHash) {
        return find("tokenHash", tokenHash).firstResult();
    }

    /** Older unused resets of the account stop working when a new one is requested or one is used. */
    public Uni<Integer> retireOthers(UUID accountId, UUID keep, Instant now) {
        return update("usedAt = ?1 where userId = ?2 and id <> ?3 and usedAt is null", now, accountId, keep);
    }
}
