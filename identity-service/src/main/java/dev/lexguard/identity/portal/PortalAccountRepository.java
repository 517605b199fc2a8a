package dev.lexguard.identity.portal;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PortalAccountRepository implements PanacheRepositoryBase<PortalAccount, UUID> {

    /** Another firm's account is null, as an unknown id is. */
    public Uni<PortalAccount> findInFirm(UUID firmId, UUID accountId) {
        return find("firmId = ?1 and id = ?2", firmId, accountId).firstResult();
    }

    public Uni<PortalAccount> lockInFirm(UUID firmId, UUID accountId) {
        return find("firmId = ?1 and id = ?2", firmId, accountId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<PortalAccount> findByEmail(UUID firmId, String email) {
        return find("firmId = ?1 and email = ?2", firmId, email).firstResult();
    }

    /** A page in email order after {@code afterEmail} (null: from the start). */
    public Uni<List<PortalAccount>> page(UUID firmId, String afterEmail, int rows) {
        return (afterEmail == null
                ? find("firmId = ?1", Sort.by("email"), firmId)
                : find("firmId = ?1 and email > ?2", Sort.by("email"), firmId, afterEmail))
                .page(Page.ofSize(rows)).list();
    }
}
