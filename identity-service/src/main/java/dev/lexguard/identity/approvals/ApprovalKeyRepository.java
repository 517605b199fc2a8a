package dev.lexguard.identity.approvals;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class ApprovalKeyRepository implements PanacheRepositoryBase<ApprovalKey, UUID> {

    /** The user's most recently keyed device that is still active (not wiped or signed out), or null. */
    public Uni<ApprovalKey> latestActiveOf(UUID firmId, UUID userId) {
        return find("select k from ApprovalKey k, Device d where d.id = k.deviceId and k.firmId = ?1 and k.userId = ?2"
                + " and d.status = 'active' and d.credentialHash is not null order by k.registeredAt desc", firmId, userId)
                .firstResult();
    }
}
