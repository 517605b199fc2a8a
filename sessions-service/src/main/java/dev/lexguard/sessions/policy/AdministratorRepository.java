package dev.lexguard.sessions.policy;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class AdministratorRepository implements PanacheRepositoryBase<Administrator, UUID> {

    /** Records whether the user is an administrator now. */
    public Uni<Void> set(UUID firmId, UUID userId, boolean administrator, Instant at) {
        return findById(userId).chain(existing -> {
            if (administrator && existing == null) {
                return persist(new Administrator(userId, firmId, at)).replaceWithVoid();
            }
            if (!administrator && existing != null) {
                return delete(existing);
            }
            return Uni.createFrom().voidItem();
        });
    }
}
