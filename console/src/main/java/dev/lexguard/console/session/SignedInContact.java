package dev.lexguard.console.session;

import java.util.UUID;

/**
 * A contact's signed-in console session, as a portal page uses it: its portal access token (fresh), its CSRF token,
 * identity's portal session id and the firm whose portal it is.
 */
public record SignedInContact(String accessToken, String csrfToken, UUID identitySessionId, UUID firmId) {

    @Override
    public String toString() {
        return "SignedInContact[identitySessionId=" + identitySessionId + ", firmId=" + firmId + "]";
    }
}
