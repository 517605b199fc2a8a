package dev.lexguard.identity.twofactor;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.UUID;

@ApplicationScoped
public class TwoFactorRepository implements PanacheRepositoryBase<TwoFactor, UUID> {

    public Uni<TwoFactor> findInFirm(UUID firmId, UUID userId) {
        return find("firmId = ?1 and userId = ?2", firmId, userId).firstResult();
    }

    public Uni<TwoFactor> lockInFirm(UUID firmId, UUID userId) {
        return find("firmId = ?1 and userId = ?2", firmId, userId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /**
     * Moves the replay mark forward to {@code step} only if it is behind it, in one statement: of two requests with
     * the same code, exactly one updates the row, and the other sees 0 rows and is a replay.
     */
    public Uni<Boolean> advanceLastStep(UUID userId, long step) {
        return update("lastStep = ?1 where userId = ?2 and lastStep < ?1 and activeSecret is not null", step, userId)
                .map(rows -> rows == 1);
    }
}
