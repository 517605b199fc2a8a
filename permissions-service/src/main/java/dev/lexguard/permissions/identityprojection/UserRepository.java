package dev.lexguard.permissions.identityprojection;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<User, UUID> {

    /** The user if it belongs to the firm, else null: another firm's user is as unknown as a missing one. */
    public Uni<User> findInFirm(UUID firmId, UUID userId) {
        return find("id = ?1 and firmId = ?2", userId, firmId).firstResult();
    }
}
