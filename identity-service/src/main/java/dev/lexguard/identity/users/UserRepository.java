package dev.lexguard.identity.users;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<User, UUID> {

    /** The user if it belongs to the firm; null for another firm's id exactly as for an unknown one. */
    public Uni<User> findInFirm(UUID firmId, UUID userId) {
        return find("firmId = ?1 and id = ?2", firmId, userId).firstResult();
    }

    /**
     * The account of an address: the user who accepted (active or deactivated; at most one across firms). Users only
     * invited are left out: several firms may have invited the address, and none of them can sign in.
     */
    public Uni<User> findByEmail(String email) {
        return find("email = ?1 and status <> ?2", email, UserStatus.INVITED).firstResult();
    }

    /** The firm's user of this address, invited or not; null for none. */
    public Uni<User> findInFirmByEmail(UUID firmId, String email) {
        return find("firmId = ?1 and email = ?2", firmId, email).firstResult();
    }

    /** One page in email order, continuing after {@code afterEmail} (null: from the start). */
    public Uni<List<User>> page(UUID firmId, String afterEmail, int rows) {
        if (afterEmail == null) {
            return find("firmId = ?1 order by email", firmId).page(0, rows).list();
        }
        return find("firmId = ?1 and email > ?2 order by email", firmId, afterEmail).page(0, rows).list();
    }
}
