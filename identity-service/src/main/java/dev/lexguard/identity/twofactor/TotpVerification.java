package dev.lexguard.identity.twofactor;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What {@link Totp#verify} decided. On {@link Outcome#ACCEPTED} the caller must persist
 * {@link #matchedStep()} as the user's last accepted step before answering, or the same code could be
 * used again; on {@link Outcome#REPLAYED} the step is reported for the audit event.
 *
 * @param outcome accepted, invalid or replayed
 * @param matchedStep the time step the code belongs to; empty when the code is invalid
 */
public record TotpVerification(Outcome outcome, OptionalLong matchedStep) {

    public enum Outcome {
        /** The code is right for a step after the last accepted one. */
        ACCEPTED,
        /** Wrong, malformed or outside the window. */
        INVALID,
        /** Right, but for a step already accepted or older (RFC 6238 section 5.2, ASVS 2.8.4). */
        REPLAYED
    }

    private static final TotpVerification INVALID_CODE = new TotpVerification(Outcome.INVALID, OptionalLong.empty());

    public TotpVerification {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(matchedStep, "matchedStep");
        if (outcome == Outcome.INVALID ? matchedStep.isPresent() : matchedStep.isEmpty()) {
            throw new IllegalArgumentException("a step is present exactly when the code matched");
        }
    }

    public static TotpVerification accepted(long step) {
        return new TotpVerification(Outcome.ACCEPTED, OptionalLong.of(step));
    }

    public static TotpVerification replayed(long step) {
        return new TotpVerification(Outcome.REPLAYED, OptionalLong.of(step));
    }

    public static TotpVerification invalid() {
        return INVALID_CODE;
    }

    public boolean isAccepted() {
        return outcome == Outcome.ACCEPTED;
    }

    public boolean isReplayed() {
        return outcome == Outcome.REPLAYED;
    }

    public boolean isInvalid() {
        return outcome == Outcome.INVALID;
    }
}
