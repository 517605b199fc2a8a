package dev.lexguard.identity.sessions;

import java.util.Locale;

/** Why a session ended (the {@code reason} of {@code session.ended}). */
public enum EndReason {
    LOGOUT, USER_DEACTIVATED, PASSWORD_CHANGED, PASSWORD_RESET, REFRESH_REUSE,
    /** Too many wrong PINs on the session's device. */
    DEVICE_WIPED,
    /** The session's device was signed out remotely. */
    DEVICE_SIGNED_OUT,
    /** sessions-service revoked this one session ({@code session.revoked}). */
    REVOKED,
    /** sessions-service raised a revocation watermark over the user or the firm ({@code watermark.raised}). */
    WATERMARK_RAISED,
    /** The user (or an administrator) said a session was not theirs ({@code session.disowned}). */
    DISOWNED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
