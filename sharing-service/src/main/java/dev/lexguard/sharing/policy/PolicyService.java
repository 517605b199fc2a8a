package dev.lexguard.sharing.policy;

import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.outbox.EventDraft;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import dev.lexguard.sharing.Database;
import dev.lexguard.sharing.SharingEvents;
import dev.lexguard.sharing.access.MatterAccess;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class PolicyService {

    private final PolicyRepository policies;
    private final MatterAccess access;
    private final OutboxWriter outbox;

    public PolicyService(PolicyRepository policies, MatterAccess access, OutboxWriter outbox) {
        this.policies = policies;
        this.access = access;
        this.outbox = outbox;
    }

    @WithSession
    public Uni<PolicyResponse> read(UUID firmId) {
        return policies.forFirm(firmId).map(PolicyResponse::of);
    }

    /** Administrators only. Applies to shares created and reviews decided from now on. */
    @WithTransaction
    public Uni<PolicyResponse> update(UUID firmId, UUID actorId, PolicyRequest request) {
        return access.requireAdministrator(firmId, actorId)
                .chain(() -> policies.findById(firmId))
                .chain(existing -> {
                    if (existing == null) {
                        SharingPolicy created = SharingPolicy.defaults(firmId);
                        created.apply(request, actorId, Database.now());
                        return policies.persist(created);
                    }
                    existing.apply(request, actorId, Database.now());
                    return Uni.createFrom().item(existing);
                })
                .call(p -> outbox.append(EventDraft.of(SharingEvents.POLICY_CHANGED, firmId.toString(), firmId, actorId.toString(),
                        ActorType.USER, new PolicyChanged(p.defaultExpiryDays(), p.reviewIntervalDays(), p.expiryWarningDays(),
                                p.reviewOverdueAfterDays(), p.revokeOnMatterClose()))))
                .map(PolicyResponse::of);
    }

    /** Data of dev.lexguard.sharing.policy.changed. */
    public record PolicyChanged(KindDays defaultExpiryDays, KindDays reviewIntervalDays, int expiryWarningDays, int reviewOverdueAfterDays,
            boolean revokeOnMatterClose) {
    }
}
