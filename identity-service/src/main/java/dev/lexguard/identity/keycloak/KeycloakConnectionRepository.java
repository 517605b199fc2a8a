package dev.lexguard.identity.keycloak;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class KeycloakConnectionRepository implements PanacheRepositoryBase<KeycloakConnection, UUID> {
}
