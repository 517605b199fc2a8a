package dev.lexguard.identity.passkeys;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class PasskeyPolicyRepository implements PanacheRepositoryBase<PasskeyPolicy, UUID> {

    /** Off unless the firm's administrators allowed it. */
    public Uni<Boolean> passwordlessAllowed(UUID firmId) {
        return findById(firmId).map(policy -> policy != null && policy.passwordless());
    }
}
