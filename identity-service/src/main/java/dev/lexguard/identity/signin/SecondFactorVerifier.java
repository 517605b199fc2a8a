package dev.lexguard.identity.signin;

import io.smallrye.mutiny.Uni;
import java.util.UUID;

/**
 * The second factor, as the password features need it. The two-factor package implements it; until it is
 * merged, {@link PasswordOnly} answers that nobody has a second factor.
 */
public interface SecondFactorVerifier {

    /** Whether the user has an active second factor (then changing the password needs a code too). */
    Uni<Boolean> isEnabled(UUID firmId, UUID userId);

    /** Checks a TOTP or recovery code for the user, consuming it (no replay). */
    Uni<Boolean> verify(UUID firmId, UUID userId, String code);
}
