package dev.lexguard.sessions.policy;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class FirmPolicyRepository implements PanacheRepositoryBase<FirmPolicy, UUID> {
}
