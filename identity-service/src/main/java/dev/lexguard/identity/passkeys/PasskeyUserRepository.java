package dev.lexguard.identity.passkeys;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class PasskeyUserRepository implements PanacheRepositoryBase<PasskeyUser, UUID> {

    public Uni<PasskeyUser> findOf(UUID userId) {
        return findById(userId);
    }

    /** The user's handle, made on first use. Inside the caller's transaction. */
    public Uni<PasskeyUser> handleOf(UUID firmId, UUID userId) {
        return find("userId = ?1 and firmId = ?2", userId, firmId).firstResult()
                .chain(found -> found != null ? Uni.createFrom().item(found) : persist(new PasskeyUser(firmId, userId)));
    }
}
