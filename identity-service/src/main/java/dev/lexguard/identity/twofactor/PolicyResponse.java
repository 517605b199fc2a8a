package dev.lexguard.identity.twofactor;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "TwoFactorPolicyResponse")
public record PolicyResponse(boolean required, int graceDays, Instant requiredSince) {

    static PolicyResponse of(TwoFactorPolicy policy) {
        return policy == null ? new PolicyResponse(false, 0, null)
                : new PolicyResponse(policy.required(), policy.graceDays(), policy.requiredSince());
    }
}
