package dev.lexguard.permissions.access;

import dev.lexguard.permissions.rules.AccessDecision;
import dev.lexguard.permissions.rules.GroupRef;
import dev.lexguard.permissions.rules.Reason;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One answer: allowed or not, the reason, and the user's groups on the matter's list. */
public record CheckResponse(UUID userId, UUID matterId, boolean allowed, Reason reason, List<GroupRef> groups, Instant at) {

    static CheckResponse of(UUID userId, UUID matterId, AccessDecision decision, Instant at) {
        return new CheckResponse(userId, matterId, decision.allowed(), decision.reason(), decision.groups(), at);
    }

    /** The answers of a batch, in the order asked. */
    public record Batch(List<CheckResponse> results) {
    }
}
