package dev.lexguard.identity.twofactor;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class RecoveryCodeRepository implements PanacheRepositoryBase<RecoveryCode, UUID> {

    public Uni<List<RecoveryCode>> ofUser(UUID firmId, UUID userId) {
        return list("firmId = ?1 and userId = ?2 order by id", firmId, userId);
    }

    /** Marks the code used unless it already was: true for exactly one of two concurrent uses. */
    public Uni<Boolean> use(UUID id, Instant now) {
        return update("usedAt = ?1 where id = ?2 and usedAt is null", now, id).map(rows -> rows == 1);
    }

    public Uni<Long> deleteOfUser(UUID firmId, UUID userId) {
        return delete("firmId = ?1 and userId = ?2", firmId, userId);
    }

    public Uni<Long> countUnused(UUID firmId, UUID userId) {
        return count("firmId = ?1 and userId = ?2 and usedAt is null", firmId, userId);
    }
}
