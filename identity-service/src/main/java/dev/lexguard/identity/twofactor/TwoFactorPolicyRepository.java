package dev.lexguard.identity.twofactor;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class TwoFactorPolicyRepository implements PanacheRepositoryBase<TwoFactorPolicy, UUID> {
}
