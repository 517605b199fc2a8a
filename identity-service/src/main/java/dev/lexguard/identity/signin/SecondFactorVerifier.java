package dev.lexguard.identity.signin;

import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.UUID;

/**
 * The second factor, as the password and sign-in features need it. The two-factor package implements it;
 * {@link PasswordOnly} stands in where that package is not deployed and answers that nobody has a second factor.
 */
public interface SecondFactorVerifier {

    /** Whether the user has an active TOTP factor (then changing the password needs a code too). */
    Uni<Boolean> isEnabled(UUID firmId, UUID userId);

    /**
     * Whether the user has any second factor that can complete a sign-in or a step-up: TOTP, or a passkey. The password
     * alone never yields tokens for such a user.
     */
    default Uni<Boolean> hasSecondFactor(UUID firmId, UUID userId) {
        return isEnabled(firmId, userId);
    }

    /** Whether the firm's two-factor policy requires a second factor of this user (grace period or not). */
    default Uni<Boolean> requiredByPolicy(UUID firmId, UUID userId) {
        return Uni.createFrom().item(false);
    }

    /** Checks a TOTP or recovery code for the user, consuming it (no replay). Inside the caller's transaction. */
    Uni<Boolean> verify(UUID firmId, UUID userId, String code);

    /**
     * Whether the firm requires a second factor of this user, who has none, and the grace period is over: then the
     * password alone yields only an enrolment token. Without a two-factor feature, never.
     */
    default Uni<Boolean> enrolmentOverdue(UUID firmId, UUID userId, Instant userCreatedAt) {
        return Uni.createFrom().item(false);
    }

    /**
     * Checks either a TOTP {@code code} or a {@code recoveryCode} for the second sign-in step, consuming it. Inside
     * the caller's transaction; a rejected code's side effects (a replay event) commit with it.
     */
    default Uni<SecondFactorCheck> check(UUID firmId, UUID userId, String code, String recoveryCode) {
        String given = code != null ? code : recoveryCode;
        return verify(firmId, userId, given).map(ok -> !ok ? SecondFactorCheck.rejected()
                : code != null ? SecondFactorCheck.totp() : SecondFactorCheck.recoveryCode(Integer.MAX_VALUE));
    }
}
