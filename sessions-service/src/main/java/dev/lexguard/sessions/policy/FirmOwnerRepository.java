package dev.lexguard.sessions.policy;

import dev.lexguard.sessions.session.FirmOwners;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class FirmOwnerRepository implements PanacheRepositoryBase<FirmOwner, UUID>, FirmOwners {

    /** Records that {@code ownerId} owns the firm since {@code at} (unless a later owner is already known). */
    public Uni<Void> ownedBy(UUID firmId, UUID ownerId, Instant at) {
        return findById(firmId).chain(existing -> {
            if (existing == null) {
                return persist(new FirmOwner(firmId, ownerId, at)).replaceWithVoid();
            }
            existing.ownedBy(ownerId, at);
            return Uni.createFrom().voidItem();
        });
    }

    /** Whether the user is the firm's owner as far as this service knows. */
    @Override
    public Uni<Boolean> isOwner(UUID firmId, UUID userId) {
        return findById(firmId).map(owner -> owner != null && owner.ownerId().equals(userId));
    }
}
