package dev.lexguard.identity.devices;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class DevicePolicyRepository implements PanacheRepositoryBase<DevicePolicy, UUID> {

    /** The firm's policy, or the defaults when it never set one. */
    public Uni<DevicePolicy> effective(UUID firmId) {
        return findById(firmId).map(policy -> policy != null ? policy : DevicePolicy.defaults(firmId));
    }
}
