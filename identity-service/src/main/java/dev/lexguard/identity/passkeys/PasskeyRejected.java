package dev.lexguard.identity.passkeys;

/**
 * A registration or assertion WebAuthn verification refused, with the reason events carry. Never a key, a challenge or
 * the library's message; the resource layer turns it into the problem its flow answers with.
 */
public final class PasskeyRejected extends RuntimeException {

    public static final String COUNTER_REGRESSION = "counter-regression";
    public static final String WRONG_USER = "wrong-user";
    public static final String WRONG_ORIGIN = "wrong-origin";
    public static final String WRONG_RP_ID = "wrong-rp-id";
    public static final String UV_MISSING = "uv-missing";
    public static final String UP_MISSING = "up-missing";
    public static final String BAD_SIGNATURE = "bad-signature";
    public static final String BAD_CHALLENGE = "bad-challenge";
    public static final String UNKNOWN_CREDENTIAL = "unknown-credential";
    public static final String SUSPECT_CREDENTIAL = "suspect-credential";
    public static final String ALGORITHM_NOT_ALLOWED = "algorithm-not-allowed";
    public static final String MALFORMED = "malformed";
    public static final String PASSWORDLESS_NOT_ALLOWED = "passwordless-not-allowed";
    public static final String USER_CANNOT_SIGN_IN = "user-cannot-sign-in";
    /** Too many failed sign-ins of the account or from the client IP: not even checked. */
    public static final String THROTTLED = "throttled";

    private final String reason;

    public PasskeyRejected(String reason) {
        super(reason, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
