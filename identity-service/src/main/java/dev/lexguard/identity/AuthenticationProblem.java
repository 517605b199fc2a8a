package dev.lexguard.identity;

/**
 * 401 for credentials presented in a body (password, refresh token, one-time link) rather than as a bearer
 * token. The detail never says which part was wrong.
 */
public final class AuthenticationProblem extends RuntimeException {

    private final String slug;
    private final String title;

    public AuthenticationProblem(String slug, String title, String detail) {
        super(detail, null, false, false);
        this.slug = slug;
        this.title = title;
    }

    public static AuthenticationProblem invalidCredentials() {
        return new AuthenticationProblem("invalid-credentials", "Invalid credentials",
                "The email address or password is not correct");
    }

    public static AuthenticationProblem invalidRefreshToken() {
        return new AuthenticationProblem("invalid-refresh-token", "Invalid refresh token",
                "The refresh token is not valid; sign in again");
    }

    public static AuthenticationProblem sessionEnded() {
        return new AuthenticationProblem("session-ended", "Session ended",
                "This session has ended; sign in again");
    }

    public static AuthenticationProblem invalidChallenge() {
        return new AuthenticationProblem("invalid-challenge", "Invalid challenge",
                "The sign-in challenge is not valid, has expired or was used up; sign in again");
    }

    public static AuthenticationProblem invalidSecondFactor() {
        return new AuthenticationProblem("invalid-second-factor", "Invalid code",
                "The code is not correct");
    }

    /** Any refused passkey assertion: a bad one, an unknown credential and another user's look the same. */
    public static AuthenticationProblem invalidPasskey() {
        return new AuthenticationProblem("invalid-passkey", "Invalid passkey",
                "The passkey could not be verified");
    }

    /**
     * The right password of an account whose session was reported as not its owner's ("not me"): only someone who knew
     * the password learns this, and it does not sign them in.
     */
    public static AuthenticationProblem passwordResetRequired() {
        return new AuthenticationProblem("password-reset-required", "Password reset required",
                "A session of this account was reported as not yours: reset the password to sign in");
    }

    public static AuthenticationProblem wrongPassword() {
        return new AuthenticationProblem("wrong-password", "Wrong password",
                "The current password or second factor is not correct");
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }
}
