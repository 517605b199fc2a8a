package dev.lexguard.identity.approvals;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Lifts a push-fatigue suspension when the user completes a sign-in with another factor (TOTP, recovery code, passkey). */
@ApplicationScoped
public class ApprovalSuspensions {

    private final ApprovalSuspensionRepository suspensions;

    public ApprovalSuspensions(ApprovalSuspensionRepository suspensions) {
        this.suspensions = suspensions;
    }

    /** Inside the caller's transaction; {@code factor} is the amr of the factor shown (never phone approval here). */
    public Uni<Void> lift(UUID firmId, UUID userId, String factor) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return suspensions.lock(userId).invoke(suspension -> {
            if (suspension != null) {
                if (suspension.isSuspended()) {
                    Log.infof("phone approval for user %s resumed after a sign-in with %s", userId, factor);
                }
                // denials before now no longer count towards the next suspension either
                suspension.lift(now);
            }
        }).replaceWithVoid();
    }
}
