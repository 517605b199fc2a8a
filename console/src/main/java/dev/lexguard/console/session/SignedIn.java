package dev.lexguard.console.session;

import java.util.UUID;

/**
 * A signed-in console session, as a page uses it: its access token (fresh), its CSRF token, identity's session id,
 * whether identity named the person an administrator at sign-in, and the otpauth URI of an enrolment in progress.
 */
public record SignedIn(String accessToken, String csrfToken, UUID identitySessionId, boolean administrator,
        String enrolmentUri) {

    @Override
    public String toString() {
        return "SignedIn[identitySessionId=" + identitySessionId + ", administrator=" + administrator + "]";
    }
}
