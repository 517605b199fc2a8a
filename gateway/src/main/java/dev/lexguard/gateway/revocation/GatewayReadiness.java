package dev.lexguard.gateway.revocation;

import dev.lexguard.gateway.tokens.SigningKeys;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when the gateway can refuse what it must: revocations loaded and signing keys known. Also
 * registers the follower's gauges (at start-up, not at the first probe).
 */
@Readiness
@Startup
@ApplicationScoped
public class GatewayReadiness implements HealthCheck {

    private final RevocationFollower follower;
    private final RevocationList revocations;
    private final SigningKeys keys;

    public GatewayReadiness(RevocationFollower follower, RevocationList revocations, SigningKeys keys,
            MeterRegistry registry) {
        this.follower = follower;
        this.revocations = revocations;
        this.keys = keys;
        Gauge.builder("lexguard_gateway_revocation_poll_age_seconds", follower, RevocationFollower::pollAgeSeconds)
                .description("Seconds since the revocation follower last polled Kafka successfully")
                .register(registry);
        Gauge.builder("lexguard_gateway_revocation_entries", revocations, RevocationList::size)
                .description("Ended sessions and watermarks the gateway currently enforces")
                .register(registry);
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("lexguard-gateway")
                .status(follower.caughtUp() && keys.loaded())
                .withData("revocations", follower.caughtUp() ? "loaded" : "loading")
                .withData("revocationEntries", revocations.size())
                .withData("revocationPollAgeSeconds", Math.round(follower.pollAgeSeconds()))
                .withData("signingKeys", keys.loaded() ? "loaded" : "missing")
                .build();
    }
}
