package dev.lexguard.identity.passkeys;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PasskeyPolicy")
public record PasskeyPolicyResponse(boolean passwordless, Instant updatedAt) {

    static PasskeyPolicyResponse of(PasskeyPolicy policy) {
        return policy == null ? new PasskeyPolicyResponse(false, null)
                : new PasskeyPolicyResponse(policy.passwordless(), policy.updatedAt());
    }
}
