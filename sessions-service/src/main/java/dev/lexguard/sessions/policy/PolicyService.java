package dev.lexguard.sessions.policy;

import dev.lexguard.platform.events.outbox.Change;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import dev.lexguard.platform.web.problem.BusinessRuleProblem;
import dev.lexguard.sessions.ActorKind;
import dev.lexguard.sessions.SessionsEvents;
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
    private final OutboxWriter outbox;

    public PolicyService(FirmPolicyRepository policies, OutboxWriter outbox) {
        this.policies = policies;
        this.outbox = outbox;
    }

    @WithSession
    public Uni<PolicyResponse> read(UUID firmId) {
        return policies.findById(firmId).map(policy -> policy == null ? PolicyResponse.NONE : policy.toResponse());
    }

    /**
     * Sets the firm's lifetimes and publishes dev.lexguard.sessions.policy.changed with the previous value of each
     * lifetime that changed, in the same transaction. A request that changes no lifetime leaves the policy as it was
     * (its updatedAt/updatedBy included) and publishes nothing: there is no change to record.
     */
    @WithTransaction
    public Uni<PolicyResponse> set(UUID firmId, UUID by, PolicyRequest request) {
        if (request.users().idleExceedsAbsolute() || request.administrators().idleExceedsAbsolute()
                || request.contacts().idleExceedsAbsolute()) {
            return Uni.createFrom().failure(new BusinessRuleProblem("idle-exceeds-absolute",
                    "An idle lifetime cannot be longer than the absolute lifetime it sits in"));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return policies.findById(firmId).chain(existing -> {
            SessionsEvents.PolicyChanged before = changed(existing == null ? PolicyResponse.NONE : existing.toResponse());
            SessionsEvents.PolicyChanged after = changed(new PolicyResponse(request.users(), request.administrators(),
                    request.contacts(), now, by));
            if (before.equals(after)) {
                return Uni.createFrom().item(existing == null ? PolicyResponse.NONE : existing.toResponse());
            }
            FirmPolicy policy = existing != null ? existing : new FirmPolicy(firmId);
            policy.set(request, by, now);
            return (existing != null ? Uni.createFrom().item(policy) : policies.persist(policy))
                    .call(() -> outbox.append(SessionsEvents.by(SessionsEvents.POLICY_CHANGED, firmId.toString(), firmId, by,
                            ActorKind.USER, new Change(before, after))))
                    .map(FirmPolicy::toResponse);
        });
    }

    private static SessionsEvents.PolicyChanged changed(PolicyResponse policy) {
        return new SessionsEvents.PolicyChanged(policy.users().idleMinutes(), policy.users().absoluteMinutes(),
                policy.administrators().idleMinutes(), policy.administrators().absoluteMinutes(),
                policy.contacts().idleMinutes(), policy.contacts().absoluteMinutes());
    }
}
