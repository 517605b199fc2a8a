package dev.lexguard.sharing.policy;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class PolicyRepository implements PanacheRepositoryBase<SharingPolicy, UUID> {

    /** The firm's policy, or the defaults (not persisted) when it never set one. */
    public Uni<SharingPolicy> forFirm(UUID firmId) {
        return findById(firmId).map(p -> p == null ? SharingPolicy.defaults(firmId) : p);
    }
}
