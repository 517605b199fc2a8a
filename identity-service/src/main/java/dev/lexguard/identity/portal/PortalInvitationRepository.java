package dev.lexguard.identity.portal;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class PortalInvitationRepository implements PanacheRepositoryBase<PortalInvitation, UUID> {

    public Uni<PortalInvitation> findByTokenHash(byte[] tokenHash) {
        return find("tokenHash", tokenHash).firstResult();
    }

    /** A new invitation makes the account's earlier, unaccepted ones useless. */
    public Uni<Integer> supersedeOpen(UUID accountId, Instant now) {
        return update("supersededAt = ?1 where userId = ?2 and acceptedAt is null and supersededAt is null", now,
                accountId);
    }
}
