package dev.lexguard.sharing.policy;

import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.outbox.Change;
import dev.lexguard.platform.events.outbox.EventDraft;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import dev.lexguard.sharing.Database;
import dev.lexguard.sharing.SharingEvents;
import dev.lexguard.platform.web.problem.BusinessRuleProblem;
import dev.lexguard.sharing.access.MatterAccess;
import dev.lexguard.sharing.contactrecords.ContactKind;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
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

    /**
     * Administrators only. Applies to shares created and reviews decided from now on, and to warnings from the next
     * sweep. A kind's own warning period must be shorter than that kind's default expiry (422
     * {@code expiry-warning-too-long}): otherwise every share made with the default would be announced as expiring
     * the moment it is made.
     */
    @WithTransaction
    public Uni<PolicyResponse> update(UUID firmId, UUID actorId, PolicyRequest request) {
        return access.requireAdministrator(firmId, actorId)
                .chain(() -> policies.findById(firmId))
                .invoke(existing -> requireWarningsBeforeExpiry(request, request.expiryWarningDaysByKind() != null
                        ? request.expiryWarningDaysByKind()
                        : existing == null ? KindWarningDays.NONE : existing.expiryWarningDaysByKind()))
                .chain(existing -> {
                    // a firm that never set a policy had the defaults: they are what the change replaced
                    SharingPolicy policy = existing != null ? existing : SharingPolicy.defaults(firmId);
                    PolicyChanged before = PolicyChanged.of(policy);
                    policy.apply(request, actorId, Database.now());
                    return (existing != null ? Uni.createFrom().item(policy) : policies.persist(policy))
                            .call(p -> outbox.append(EventDraft.of(SharingEvents.POLICY_CHANGED, firmId.toString(), firmId,
                                    actorId.toString(), ActorType.USER, new Change(before, PolicyChanged.of(p)))));
                })
                .map(PolicyResponse::of);
    }

    private static void requireWarningsBeforeExpiry(PolicyRequest request, KindWarningDays warnings) {
        List<String> tooLong = Arrays.stream(ContactKind.values())
                .filter(kind -> warnings.of(kind) != null && warnings.of(kind) >= request.defaultExpiryDays().of(kind))
                .map(kind -> kind.wireName() + " (" + warnings.of(kind) + " days, default expiry " + request.defaultExpiryDays().of(kind)
                        + ")")
                .toList();
        if (!tooLong.isEmpty()) {
            throw new BusinessRuleProblem("expiry-warning-too-long", "A kind's expiry warning period must be shorter than its default "
                    + "expiry: " + String.join(", ", tooLong) + "; nothing was changed");
        }
    }

    /** Data of dev.lexguard.sharing.policy.changed; in {@code expiryWarningDaysByKind} null means the firm-wide period. */
    public record PolicyChanged(KindDays defaultExpiryDays, KindDays reviewIntervalDays, int expiryWarningDays, int reviewOverdueAfterDays,
            boolean revokeOnMatterClose, KindWarningDays expiryWarningDaysByKind) {

        static PolicyChanged of(SharingPolicy p) {
            return new PolicyChanged(p.defaultExpiryDays(), p.reviewIntervalDays(), p.expiryWarningDays(), p.reviewOverdueAfterDays(),
                    p.revokeOnMatterClose(), p.expiryWarningDaysByKind());
        }
    }
}
