package dev.lexguard.identity.keycloak;

import java.util.Locale;

/** An ID token that must not be believed, and which check it failed. */
public final class InvalidIdTokenException extends RuntimeException {

    public enum Reason {
        MALFORMED, SIGNATURE, ISSUER, AUDIENCE, EXPIRED, NONCE
    }

    private final Reason reason;

    public InvalidIdTokenException(Reason reason) {
        super("the ID token failed its " + reason.name().toLowerCase(Locale.ROOT) + " check", null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
