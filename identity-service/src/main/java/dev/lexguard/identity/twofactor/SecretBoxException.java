package dev.lexguard.identity.twofactor;

/**
 * A stored TOTP secret could not be opened. The message never contains key material, the sealed
 * value or the secret, so it is safe to log.
 */
public final class SecretBoxException extends RuntimeException {

    public enum Reason {
        /** Not of the form {@code v1.<kid>.<nonce>.<ciphertext>}. */
        MALFORMED,
        /** Sealed under a key id that is not configured (any more). */
        UNKNOWN_KEY_ID,
        /** The GCM tag does not verify: the value was altered, or it belongs to another user. */
        AUTHENTICATION_FAILED
    }

    private final Reason reason;

    SecretBoxException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    SecretBoxException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
