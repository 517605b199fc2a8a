package dev.lexguard.identity.signin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lexguard.identity.sessions.SessionTokens;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer to a sign-in or a refresh. {@code status} says which fields are present:
 * {@code authenticated} (tokens), {@code two_factor_required} (a single-use challenge for
 * {@code /api/v1/auth/login/two-factor}), {@code two_factor_enrollment_required} (a token that allows
 * only enrolment). {@code two_factor_required} is given to every user whose {@link SecondFactorVerifier} says
 * a second factor is on; {@code two_factor_enrollment_required} comes with the firm's two-factor policy.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "LoginResponse")
public record LoginResponse(
        @Schema(enumeration = {"authenticated", "two_factor_required", "two_factor_enrollment_required"}) String status,
        String accessToken,
        @Schema(enumeration = "Bearer") String tokenType,
        @Schema(description = "Seconds the access token lives") Long expiresIn,
        String refreshToken,
        UUID sessionId,
        Instant sessionExpiresAt,
        @Schema(description = "two_factor_required only") String challengeToken,
        @Schema(description = "two_factor_enrollment_required only") String enrollmentToken,
        @Schema(description = "When the challenge or enrolment token expires") Instant expiresAt,
        @Schema(description = "After a recovery code, when 3 or fewer remain: prompt to regenerate") Integer recoveryCodesRemaining,
        @Schema(description = "Only when a required enrolment was just confirmed: the recovery codes, shown once") List<String> recoveryCodes) {

    public static final String AUTHENTICATED = "authenticated";
    public static final String TWO_FACTOR_REQUIRED = "two_factor_required";
    public static final String TWO_FACTOR_ENROLLMENT_REQUIRED = "two_factor_enrollment_required";

    public static LoginResponse authenticated(SessionTokens tokens) {
        return new LoginResponse(AUTHENTICATED, tokens.accessToken(), "Bearer", tokens.expiresIn(),
                tokens.refreshToken(), tokens.sessionId(), tokens.sessionExpiresAt(), null, null, null, null, null);
    }

    public static LoginResponse authenticated(SessionTokens tokens, Integer recoveryCodesRemaining) {
        return new LoginResponse(AUTHENTICATED, tokens.accessToken(), "Bearer", tokens.expiresIn(),
                tokens.refreshToken(), tokens.sessionId(), tokens.sessionExpiresAt(), null, null, null,
                recoveryCodesRemaining, null);
    }

    public static LoginResponse enrolled(SessionTokens tokens, List<String> recoveryCodes) {
        return new LoginResponse(AUTHENTICATED, tokens.accessToken(), "Bearer", tokens.expiresIn(),
                tokens.refreshToken(), tokens.sessionId(), tokens.sessionExpiresAt(), null, null, null, null, recoveryCodes);
    }

    public static LoginResponse twoFactorRequired(String challengeToken, Instant expiresAt) {
        return new LoginResponse(TWO_FACTOR_REQUIRED, null, null, null, null, null, null, challengeToken, null, expiresAt, null, null);
    }

    public static LoginResponse enrollmentRequired(String enrollmentToken, Instant expiresAt) {
        return new LoginResponse(TWO_FACTOR_ENROLLMENT_REQUIRED, null, null, null, null, null, null, null,
                enrollmentToken, expiresAt, null, null);
    }
}
