package dev.lexguard.identity.profile;

import dev.lexguard.identity.signin.SecondFactorVerifier;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for the two-factor package (merged separately) in {@link SecondFactorProfile} only: users a test
 * enrols have a second factor whose one valid code the test chooses. Everyone else has none.
 */
@Alternative
@ApplicationScoped
public class EnrolledSecondFactor implements SecondFactorVerifier {

    static final Map<UUID, String> CODES = new ConcurrentHashMap<>();

    static void enrol(String userId, String code) {
        CODES.put(UUID.fromString(userId), code);
    }

    @Override
    public Uni<Boolean> isEnabled(UUID firmId, UUID userId) {
        return Uni.createFrom().item(CODES.containsKey(userId));
    }

    @Override
    public Uni<Boolean> verify(UUID firmId, UUID userId, String code) {
        return Uni.createFrom().item(code.equals(CODES.get(userId)));
    }
}
