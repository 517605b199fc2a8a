package dev.lexguard.identity.devices;

import dev.lexguard.platform.web.problem.ForbiddenProblem;

/**
 * The phone's screen lock as the app reports it: {@code none}, {@code passcode} (a PIN, pattern or password of the
 * phone) or {@code biometric} (a face or fingerprint, which both platforms allow only on top of a passcode). One value
 * rather than a boolean and a kind, so that "locked, kind none" cannot be said. It is the app's own word: a modified
 * app can lie (see the identity README on platform attestation).
 */
public final class DeviceLock {

    /** For {@code @Pattern} on the requests that carry a report. */
    public static final String VALUES = "none|passcode|biometric";
    public static final String VALUES_MESSAGE = "must be none, passcode or biometric";
    static final String NONE = "none";

    private DeviceLock() {
    }

    /** Whether the report says the phone is locked; false for {@code none} and for no report. */
    static boolean locked(String reported) {
        return reported != null && !NONE.equals(reported);
    }

    public static ForbiddenProblem required() {
        return new ForbiddenProblem("device-lock-required",
                "The firm requires a screen lock (a passcode or biometrics) on this phone: turn one on in the phone's "
                        + "settings, then try again");
    }
}
