package dev.lexguard.identity.signin;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** In force while the service has no two-factor feature: no user has a second factor, and no code is valid. */
@ApplicationScoped
@DefaultBean
public class PasswordOnly implements SecondFactorVerifier {

    @Override
    public Uni<Boolean> isEnabled(UUID firmId, UUID userId) {
        return Uni.createFrom().item(false);
    }

    @Override
    public Uni<Boolean> verify(UUID firmId, UUID userId, String code) {
        return Uni.createFrom().item(false);
    }
}
