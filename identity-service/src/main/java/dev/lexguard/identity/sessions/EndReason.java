package dev.lexguard.identity.sessions;

import java.util.Locale;

/** Why a session ended (the {@code reason} of {@code session.ended}). */
public enum EndReason {
    LOGOUT, USER_DEACTIVATED, PASSWORD_CHANGED, PASSWORD_RESET, REFRESH_REUSE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
