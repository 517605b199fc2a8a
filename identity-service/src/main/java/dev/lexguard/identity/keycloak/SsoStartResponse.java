package dev.lexguard.identity.keycloak;

import java.time.Instant;

/**
 * Where to send the browser. {@code state} is also in the URL; the web app keeps it to check that the callback
 * it receives belongs to the sign-in it started.
 */
public record SsoStartResponse(String authorizationUrl, String state, Instant expiresAt) {
}
