package dev.lexguard.sessions.policy;

import dev.lexguard.platform.web.problem.BusinessRuleProblem;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

@ApplicationScoped
public class PolicyService {

    private final FirmPolicyRepository policies;

    public PolicyService(FirmPolicyRepository policies) {
        this.policies = policies;
    }

    @WithSession
    public Uni<PolicyResponse> read(UUID firmId) {
        return policies.findById(firmId).map(policy -> policy == null ? PolicyResponse.NONE : policy.toResponse());
    }

    @WithTransaction
    public Uni<PolicyResponse> set(UUID firmId, UUID by, PolicyRequest request) {
        if (request.users().idleExceedsAbsolute() || request.administrators().idleExceedsAbsolute()
                || request.contacts().idleExceedsAbsolute()) {
            return Uni.createFrom().failure(new BusinessRuleProblem("idle-exceeds-absolute",
                    "An idle lifetime cannot be longer than the absolute lifetime it sits in"));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return policies.findById(firmId).chain(existing -> {
            FirmPolicy policy = existing != null ? existing : new FirmPolicy(firmId);
            policy.set(request, by, now);
            return existing != null ? Uni.createFrom().item(policy) : policies.persist(policy);
        }).map(FirmPolicy::toResponse);
    }
}
