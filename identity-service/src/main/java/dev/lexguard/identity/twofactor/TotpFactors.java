package dev.lexguard.identity.twofactor;

import dev.lexguard.identity.signin.SecondFactorCheck;
import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.ConflictProblem;
import dev.lexguard.platform.web.problem.FieldError;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * The TOTP factor and recovery codes of one account, whoever owns it: a firm user ({@link TwoFactorService}) or a
 * portal contact. The rules are the same for both (window, replay mark, sealed secret, ten single-use recovery
 * codes); the owner's service decides what is an event. Every method runs inside the caller's transaction.
 */
@ApplicationScoped
public class TotpFactors {

    private final TwoFactorRepository factors;
    private final RecoveryCodeRepository recoveryCodes;
    private final SecretBox box;
    private final Totp totp = new Totp();
    private final RecoveryCodes codes = new RecoveryCodes();

    public TotpFactors(TwoFactorRepository factors, RecoveryCodeRepository recoveryCodes, SecretBox box) {
        this.factors = factors;
        this.recoveryCodes = recoveryCodes;
        this.box = box;
    }

    /** What a confirmed enrolment produced: the recovery codes (shown once) and whether a factor was replaced. */
    public record Confirmed(List<String> recoveryCodes, Instant enabledAt, boolean replaced) {

        @Override
        public String toString() {
            return "Confirmed[enabledAt=" + enabledAt + ", replaced=" + replaced + "]";
        }
    }

    public int digits() {
        return totp.digits();
    }

    public Uni<Boolean> isEnabled(UUID firmId, UUID ownerId) {
        return factors.findInFirm(firmId, ownerId).map(factor -> factor != null && factor.isEnabled());
    }

    public Uni<TwoFactor> find(UUID firmId, UUID ownerId) {
        return factors.findInFirm(firmId, ownerId);
    }

    /** A TOTP code: accepted (and the replay mark moved), replayed, or rejected. */
    public Uni<SecondFactorCheck> checkTotp(UUID firmId, UUID ownerId, String code) {
        return factors.findInFirm(firmId, ownerId).chain(factor -> {
            if (factor == null || !factor.isEnabled()) {
                return Uni.createFrom().item(SecondFactorCheck.rejected());
            }
            TotpSecret secret = box.decrypt(factor.activeSecret(), ownerId);
            TotpVerification verification = totp.verify(secret, code, now(), factor.lastStep());
            if (verification.isInvalid()) {
                return Uni.createFrom().item(SecondFactorCheck.rejected());
            }
            if (verification.isReplayed()) {
                return Uni.createFrom().item(SecondFactorCheck.replayed());
            }
            return factors.advanceLastStep(ownerId, verification.matchedStep().getAsLong()).map(advanced -> advanced
                    ? SecondFactorCheck.totp()
                    // another request accepted this step (or a later one) between our read and our update
                    : SecondFactorCheck.replayed());
        });
    }

    /** A recovery code: accepted (and spent) with the number left, or rejected. */
    public Uni<SecondFactorCheck> checkRecoveryCode(UUID firmId, UUID ownerId, String input) {
        return factors.findInFirm(firmId, ownerId).chain(factor -> {
            if (factor == null || !factor.isEnabled()) {
                return Uni.createFrom().item(SecondFactorCheck.rejected());
            }
            return spendRecoveryCode(firmId, ownerId, input);
        });
    }

    /**
     * A recovery code of an owner whose second factor the caller has established (TOTP, or a firm user's passkey):
     * accepted (and spent) with the number left, or rejected.
     */
    public Uni<SecondFactorCheck> spendRecoveryCode(UUID firmId, UUID ownerId, String input) {
        if (input == null) {
            return Uni.createFrom().item(SecondFactorCheck.rejected());
        }
        return recoveryCodes.ofUser(firmId, ownerId).chain(stored -> {
            OptionalInt match = RecoveryCodes.verify(input, stored.stream().map(RecoveryCode::stored).toList());
            if (match.isEmpty()) {
                return Uni.createFrom().item(SecondFactorCheck.rejected());
            }
            int remaining = RecoveryCodes.remaining(stored.stream().map(RecoveryCode::stored).toList()) - 1;
            return recoveryCodes.use(stored.get(match.getAsInt()).id(), now()).map(used -> used
                    ? SecondFactorCheck.recoveryCode(remaining)
                    : SecondFactorCheck.rejected());
        });
    }

    /** Six digits are a TOTP code; anything else is tried as a recovery code (their alphabet has no 0 or 1). */
    public boolean looksLikeTotp(String code) {
        return code.length() == totp.digits() && code.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /**
     * Starts (or restarts) an enrolment with a new secret, pending until confirmed; an active factor stays in force
     * until then. {@code issuer} and {@code label} are what the authenticator app shows.
     */
    public Uni<TwoFactorService.Enrolment> startEnrolment(UUID firmId, UUID ownerId, String issuer, String label) {
        return factors.lockInFirm(firmId, ownerId).chain(existing -> {
            TwoFactor factor = existing != null ? existing : new TwoFactor(firmId, ownerId);
            TotpSecret secret = TotpSecret.generate();
            Instant now = now();
            factor.startEnrolment(box.encrypt(secret, ownerId), now);
            String uri = OtpAuthUri.of(secret, issuer, label);
            TwoFactorService.Enrolment enrolment = new TwoFactorService.Enrolment(secret.base32(), uri, QrCodes.png(uri),
                    QrCodes.svg(uri), now);
            return (existing != null ? Uni.createFrom().item(factor) : factors.persist(factor)).map(ignored -> enrolment);
        });
    }

    /** Activates the pending secret if {@code code} is right for it: 409 without an enrolment, 400 for a wrong code. */
    public Uni<Confirmed> confirm(UUID firmId, UUID ownerId, String code) {
        return factors.lockInFirm(firmId, ownerId).chain(factor -> {
            if (factor == null || !factor.isPending()) {
                return Uni.createFrom().failure(new ConflictProblem("no-pending-enrolment",
                        "There is no enrolment to confirm; start one first"));
            }
            TotpSecret secret = box.decrypt(factor.pendingSecret(), ownerId);
            TotpVerification verification = totp.verify(secret, code, now(), Totp.NO_ACCEPTED_STEP);
            if (!verification.isAccepted()) {
                return Uni.createFrom().failure(new BadRequestProblem("invalid-code",
                        "The code does not match the new secret",
                        List.of(new FieldError("code", "is not the current code of the authenticator app"))));
            }
            boolean replaced = factor.isEnabled();
            Instant now = now();
            factor.confirm(verification.matchedStep().getAsLong(), now);
            return newRecoveryCodes(firmId, ownerId, now).map(shown -> new Confirmed(shown, now, replaced));
        });
    }

    /** A new set of recovery codes; the previous set stops working. */
    public Uni<List<String>> newRecoveryCodes(UUID firmId, UUID ownerId, Instant now) {
        RecoveryCodeSet set = codes.generate();
        List<RecoveryCode> rows = new ArrayList<>();
        for (String hash : set.hashes()) {
            rows.add(new RecoveryCode(firmId, ownerId, hash, now));
        }
        return recoveryCodes.deleteOfUser(firmId, ownerId)
                .chain(() -> recoveryCodes.persist(rows))
                .map(ignored -> set.codes());
    }

    /** Turns the factor (active or pending) off with its recovery codes; false if there was none. */
    public Uni<Boolean> remove(UUID firmId, UUID ownerId) {
        return remove(firmId, ownerId, true);
    }

    /**
     * Turns the factor (active or pending) off; its recovery codes go too unless another second factor (a passkey)
     * keeps them. False if there was none.
     */
    public Uni<Boolean> remove(UUID firmId, UUID ownerId, boolean withRecoveryCodes) {
        return factors.lockInFirm(firmId, ownerId).chain(factor -> {
            if (factor == null || (!factor.isEnabled() && !factor.isPending())) {
                return Uni.createFrom().item(false);
            }
            factor.disable();
            return withRecoveryCodes
                    ? recoveryCodes.deleteOfUser(firmId, ownerId).replaceWith(true)
                    : Uni.createFrom().item(true);
        });
    }

    /** The owner's recovery codes go (their last second factor went another way). */
    public Uni<Void> removeRecoveryCodes(UUID firmId, UUID ownerId) {
        return recoveryCodes.deleteOfUser(firmId, ownerId).replaceWithVoid();
    }

    public Uni<Long> unusedRecoveryCodes(UUID firmId, UUID ownerId) {
        return recoveryCodes.countUnused(firmId, ownerId);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
