package dev.lexguard.identity.twofactor;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "TwoFactorPolicyResponse")
public record PolicyResponse(boolean required, int graceDays, Instant requiredSince,
        @Schema(description = "Required only of these groups' members; empty: of everyone") List<UUID> groupIds) {

    static PolicyResponse of(TwoFactorPolicy policy) {
        return policy == null ? new PolicyResponse(false, 0, null, List.of())
                : new PolicyResponse(policy.required(), policy.graceDays(), policy.requiredSince(), policy.groupIds());
    }
}
