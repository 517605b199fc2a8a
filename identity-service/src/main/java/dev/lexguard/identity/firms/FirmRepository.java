package dev.lexguard.identity.firms;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class FirmRepository implements PanacheRepositoryBase<Firm, UUID> {
}
