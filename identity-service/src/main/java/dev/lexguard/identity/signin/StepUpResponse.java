package dev.lexguard.identity.signin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A fresh access token of the caller's session after a step-up: {@code auth_time} is the step-up, {@code amr} names
 * the session's first factor and the second factor just shown. The refresh token stays the one the client holds.
 */
@Schema(name = "StepUpResponse")
public record StepUpResponse(
        String accessToken,
        @Schema(enumeration = "Bearer") String tokenType,
        @Schema(description = "Seconds the access token lives") long expiresIn,
        UUID sessionId,
        @Schema(description = "When the second factor was proved (the token's auth_time)") Instant authTime,
        @Schema(description = "The token's amr, e.g. [pwd, otp]") List<String> amr) {
}
