package dev.lexguard.console.session;

import java.util.UUID;

/** A signed-in console session, as a page uses it: its access token (fresh), its CSRF token, identity's session id. */
public record SignedIn(String accessToken, String csrfToken, UUID identitySessionId) {

    @Override
    public String toString() {
        return "SignedIn[identitySessionId=" + identitySessionId + "]";
    }
}
