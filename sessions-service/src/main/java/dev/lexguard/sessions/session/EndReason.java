package dev.lexguard.sessions.session;

/**
 * Why a session ended. The first seven are this service's own (the {@code reason} of its revocation events);
 * the others are identity-service's, recorded from {@code dev.lexguard.identity.session.ended}.
 */
public final class EndReason {

    public static final String ENDED_BY_USER = "ended_by_user";
    public static final String ENDED_BY_ADMINISTRATOR = "ended_by_administrator";
    public static final String IDLE_TIMEOUT = "idle_timeout";
    public static final String ABSOLUTE_TIMEOUT = "absolute_timeout";
    public static final String NOT_ME = "not_me";
    public static final String USER_DEACTIVATED = "user_deactivated";
    public static final String DEVICE_WIPED = "device_wiped";

    private EndReason() {
    }
}
