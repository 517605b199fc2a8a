package dev.lexguard.identity.profile;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.Set;

/** A second factor for chosen users, and a tiny hashing pool so a burst overflows it. */
public class SecondFactorProfile implements QuarkusTestProfile {

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(EnrolledSecondFactor.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("lexguard.identity.hashing-pool.threads", "1", "lexguard.identity.hashing-pool.queue-size", "2");
    }
}
