package dev.lexguard.console.session;

/**
 * A console session as the sign-in pages see it: its CSRF token, between the two steps identity's two-factor
 * challenge, and whether it is signed in already.
 */
public record Anonymous(String csrfToken, String challengeToken, boolean signedIn) {

    @Override
    public String toString() {
        return "Anonymous[challenge=" + (challengeToken != null) + ", signedIn=" + signedIn + "]";
    }
}
