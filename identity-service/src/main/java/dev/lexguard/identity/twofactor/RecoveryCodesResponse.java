package dev.lexguard.identity.twofactor;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Shown once: ten single-use recovery codes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "RecoveryCodesResponse")
public record RecoveryCodesResponse(List<String> recoveryCodes, Instant enabledAt) {

    @Override
    public String toString() {
        return "RecoveryCodesResponse[enabledAt=" + enabledAt + "]";
    }
}
